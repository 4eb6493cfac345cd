package io.sendpulse.spring.internal.aot;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import io.sendpulse.spring.sms.BulkSmsResult;
import io.sendpulse.spring.sms.SmsFailure;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.webhook.CallGatherEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.aot.AotServices;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendPulseRuntimeHints}.
 */
class SendPulseRuntimeHintsTests {

	// Hold exceptions, which are never JSON.
	private static final Set<Class<?>> NOT_JSON = Set.of(BulkSmsResult.class, SmsFailure.class);

	private final RuntimeHints hints = registered();

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		new SendPulseRuntimeHints().registerHints(hints, SendPulseRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(SendPulseRuntimeHints.class);
	}

	@Test
	void everyRecordOfTheApiCanBeReadAndWrittenByJackson() throws Exception {
		List<Class<?>> records = apiRecords();
		assertThat(records).contains(SmsMessage.class, VoiceAction.Gather.class, CallGatherEvent.class);
		for (Class<?> type : records) {
			assertReadableAndWritable(type);
		}
	}

	@Test
	void theInternalRequestBodiesCanBeWrittenByJackson() throws Exception {
		for (String name : SendPulseRuntimeHints.INTERNAL_JSON_TYPES) {
			assertReadableAndWritable(ClassUtils.forName(name, getClass().getClassLoader()));
		}
	}

	@Test
	void enumsAreReadAndWrittenThroughTheirValues() {
		for (Class<?> type : SendPulseRuntimeHints.ENUMS) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, "value")).accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, "of")).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(Channel.class)).accepts(this.hints);
	}

	@Test
	void propertiesCanBeBound() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SendPulseProperties.class, "setApiKey"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SendPulseProperties.RateLimit.class, "setLimitForPeriod")).accepts(this.hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(SendPulseProperties.Webhook.class, "setSecret"))
			.accepts(this.hints);
	}

	@Test
	void theVersionNamedInTheUserAgentCanBeRead() {
		assertThat(RuntimeHintsPredicates.resource().forResource(SendPulseRuntimeHints.VERSION_RESOURCE))
			.accepts(this.hints);
	}

	private void assertReadableAndWritable(Class<?> type) throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
		if (!type.isRecord()) {
			return;
		}
		Class<?>[] parameterTypes = new Class<?>[type.getRecordComponents().length];
		int i = 0;
		for (RecordComponent component : type.getRecordComponents()) {
			parameterTypes[i++] = component.getType();
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(type.getName() + "." + component.getName())
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(type.getDeclaredConstructor(parameterTypes))).as(type.getName() + " constructor")
			.accepts(this.hints);
	}

	private List<Class<?>> apiRecords() throws IOException, ClassNotFoundException {
		List<Class<?>> records = new ArrayList<>();
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (String api : List.of("sms", "voice", "verify", "webhook")) {
			for (Resource resource : resolver.getResources("classpath*:io/sendpulse/spring/" + api + "/*.class")) {
				if (resource.getURL().toString().contains("/test-classes/")) {
					continue; // the tests' own helper records are no part of the API
				}
				MetadataReader reader = readers.getMetadataReader(resource);
				Class<?> type = ClassUtils.forName(reader.getClassMetadata().getClassName(),
						getClass().getClassLoader());
				if (type.isRecord() && !NOT_JSON.contains(type)) {
					records.add(type);
				}
			}
		}
		return records;
	}

}
