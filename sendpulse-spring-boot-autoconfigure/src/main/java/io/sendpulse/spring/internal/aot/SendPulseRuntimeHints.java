package io.sendpulse.spring.internal.aot;

import java.util.List;

import io.sendpulse.spring.ApiError;
import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationCheck;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallRecordingEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.UnknownEvent;
import io.sendpulse.spring.webhook.VerificationEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What the starter reads and writes by reflection, for AOT processing and native images:
 * the request and response records its own Jackson mapper writes and reads (nested types
 * included), the internal request bodies, the webhook events (applications write them as
 * JSON too), the enums' JSON values, the {@code sendpulse.*} properties and the resource
 * that names the starter's version.
 */
public final class SendPulseRuntimeHints implements RuntimeHintsRegistrar {

	/** Written and read by the client's Jackson mapper. */
	static final List<Class<?>> JSON_TYPES = List.of(SmsRequest.class, SmsMessage.class, CallRequest.class,
			VoiceAction.class, VoiceAction.Say.class, VoiceAction.Play.class, VoiceAction.Gather.class,
			VoiceAction.Record.class, Call.class, VerificationRequest.class, Verification.class,
			VerificationCheck.class, ApiError.class);

	/** Bodies the templates build internally; package-private, so named here. */
	static final List<String> INTERNAL_JSON_TYPES = List
		.of("io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate$CheckBody");

	/** Read from and written as their {@code value()}. */
	static final List<Class<? extends Enum<?>>> ENUMS = List.of(SmsStatus.class, CallStatus.class, Channel.class,
			VerificationStatus.class);

	/** Published to listeners; applications commonly write them as JSON. */
	static final List<Class<?>> EVENTS = List.of(SendPulseEvent.class, SmsStatusEvent.class, CallStatusEvent.class,
			CallGatherEvent.class, CallRecordingEvent.class, VerificationEvent.class, UnknownEvent.class);

	static final String VERSION_RESOURCE = "io/sendpulse/spring/internal/client/sendpulse-spring-boot.properties";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		bindings.registerReflectionHints(hints.reflection(), JSON_TYPES.toArray(Class<?>[]::new));
		bindings.registerReflectionHints(hints.reflection(), EVENTS.toArray(Class<?>[]::new));
		for (String name : INTERNAL_JSON_TYPES) {
			if (ClassUtils.isPresent(name, classLoader)) {
				bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(name, classLoader));
			}
		}
		// The @JsonCreator factory and @JsonValue accessor of each enum.
		for (Class<?> type : ENUMS) {
			hints.reflection()
				.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_PUBLIC_FIELDS);
		}
		BindableRuntimeHintsRegistrar.forTypes(SendPulseProperties.class).registerHints(hints, classLoader);
		hints.resources().registerPattern(VERSION_RESOURCE);
	}

}
