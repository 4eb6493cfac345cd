package io.sendpulse.sample;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.test.SendPulseSandbox;
import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationCheck;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceTemplate;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.VerificationEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The {@code --demo} run: once the service is up, send an SMS and wait for its delivery
 * webhook, start and check a verification, place a call that says a message and gathers a
 * key and wait for it to complete, logging an account of each step. Stops at the first
 * step that fails. The outcome is the application's exit code (0 when every step
 * succeeded), which {@link SampleApplication#main(String[])} exits with.
 * <p>
 * Needs the sandbox: it reads the verification code the sandbox "sent", and it makes the
 * callee press a key.
 */
@Component
class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	static final String OPTION = "demo";

	private static final Log logger = LogFactory.getLog(DemoRunner.class);

	private static final int STEPS = 3;

	private static final String CALLEE_KEY = "1";

	private final SmsTemplate sms;

	private final VerifyTemplate verify;

	private final VoiceTemplate voice;

	private final ReceivedEvents events;

	private final ObjectProvider<SendPulseSandbox> sandbox;

	private final DemoProperties properties;

	private volatile int exitCode;

	DemoRunner(SmsTemplate sms, VerifyTemplate verify, VoiceTemplate voice, ReceivedEvents events,
			ObjectProvider<SendPulseSandbox> sandbox, DemoProperties properties) {
		this.sms = sms;
		this.verify = verify;
		this.voice = voice;
		this.events = events;
		this.sandbox = sandbox;
		this.properties = properties;
	}

	/**
	 * Return whether the command line asks for the demo run.
	 * @param args the command line arguments
	 * @return whether {@code --demo} is among them
	 */
	static boolean isRequested(String[] args) {
		return new DefaultApplicationArguments(args).containsOption(OPTION);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption(OPTION)) {
			this.exitCode = demo() ? 0 : 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private boolean demo() {
		SendPulseSandbox sandbox = this.sandbox.getIfAvailable();
		if (sandbox == null) {
			logger.error("Demo FAILED: the demo needs the SendPulse sandbox (it reads the verification code from it "
					+ "and has it press a key for the callee); run it without the 'live' profile, with "
					+ "sendpulse.sandbox.enabled=true. Nothing was sent.");
			return false;
		}
		String to = this.properties.to();
		logger.info("Demo: the whole loop against the SendPulse sandbox at " + sandbox.baseUrl() + ", for "
				+ PhoneNumberMask.mask(to) + "; each wait is at most " + seconds(this.properties.timeout()));
		int step = 0;
		String title = "";
		try {
			title = "Send an SMS and wait for its delivery webhook";
			logStep(++step, title);
			sendSms(to);
			title = "Start a verification and check the code";
			logStep(++step, title);
			verify(to, sandbox);
			title = "Place a call that says a message and gathers a key, and wait for it to complete";
			logStep(++step, title);
			call(to, sandbox);
		}
		catch (RuntimeException ex) {
			logger.error("Demo FAILED at step " + step + "/" + STEPS + " (" + title + "): " + describe(ex));
			return false;
		}
		logger.info("Demo succeeded: " + STEPS + " of " + STEPS + " steps");
		return true;
	}

	private void sendSms(String to) {
		long start = System.nanoTime();
		SmsMessage message = this.sms
			.send(SmsRequest.builder().to(to).text("Your order #1042 has shipped and arrives tomorrow.").build());
		logDetail("SendPulse accepted SMS " + message.id() + " (" + message.status().value() + ", " + message.segments()
				+ " segment(s))");
		SmsStatusEvent done = await(SmsStatusEvent.class,
				(event) -> message.id().equals(event.messageId()) && isFinal(event.status()),
				"final status webhook (sms.delivered) for " + message.id());
		if (done.status() != SmsStatus.DELIVERED) {
			throw new DemoFailure("SMS " + message.id() + " ended " + done.status().value() + ", not delivered");
		}
		logDetail("OK: webhook " + done.type() + " arrived after " + millisSince(start) + " ms");
	}

	private void verify(String to, SendPulseSandbox sandbox) {
		Verification verification = this.verify.start(VerificationRequest.builder().to(to).build());
		logDetail("Started verification " + verification.requestId() + " by " + verification.channel().value()
				+ ", expires at " + verification.expiresAt());
		// What the customer would read on their phone.
		String code = sandbox.verificationCode(to);
		logDetail("The customer received a " + code.length() + "-digit code and enters it");
		VerificationCheck check = this.verify.check(verification.requestId(), code);
		if (!check.valid()) {
			throw new DemoFailure("SendPulse did not accept the code it sent for " + verification.requestId());
		}
		VerificationEvent approved = await(VerificationEvent.class,
				(event) -> verification.requestId().equals(event.requestId())
						&& event.status() != VerificationStatus.PENDING,
				"verification webhook (verify.approved) for " + verification.requestId());
		if (approved.status() != VerificationStatus.APPROVED) {
			throw new DemoFailure("verification " + verification.requestId() + " ended " + approved.status().value()
					+ ", not approved");
		}
		logDetail("OK: the code is valid, and webhook " + approved.type() + " arrived");
	}

	private void call(String to, SendPulseSandbox sandbox) {
		// The sandbox's callee presses this key at the gather.
		sandbox.scriptDigits(to, CALLEE_KEY);
		long start = System.nanoTime();
		Call call = this.voice.call(CallController.sayAndGather(to,
				"Hello, this is your delivery service. Press 1 to confirm you are home tomorrow."));
		logDetail("SendPulse placed call " + call.id() + " (" + call.status().value() + ")");
		CallStatusEvent ended = await(CallStatusEvent.class,
				(event) -> call.id().equals(event.callId()) && isFinal(event.status()),
				"final status webhook (call.completed) for " + call.id());
		if (ended.status() != CallStatus.COMPLETED) {
			throw new DemoFailure("call " + call.id() + " ended " + ended.status().value() + ", not completed");
		}
		CallGatherEvent gathered = await(CallGatherEvent.class, (event) -> call.id().equals(event.callId()),
				"gather webhook (call.gather) for " + call.id());
		// Gathered digits can be a PIN: compare them, never log them.
		if (!CALLEE_KEY.equals(gathered.digits())) {
			throw new DemoFailure("call " + call.id() + " gathered other keys than the callee pressed");
		}
		logDetail("OK: webhook " + ended.type() + " arrived after " + millisSince(start) + " ms ("
				+ ((ended.duration() != null) ? ended.duration().toSeconds() + " s call" : "no duration")
				+ "); the key the callee pressed was gathered");
	}

	private <E extends SendPulseEvent> E await(Class<E> type, Predicate<? super E> condition, String what) {
		try {
			return this.events.await(type, condition, this.properties.timeout()).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DemoFailure("interrupted while waiting for the " + what);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TimeoutException) {
				throw new DemoFailure("no " + what + " within " + seconds(this.properties.timeout())
						+ "; is the webhook endpoint reachable, and signed with sendpulse.webhook.secret?");
			}
			throw new DemoFailure("waiting for the " + what + " failed: " + ex.getCause());
		}
	}

	private static String describe(RuntimeException ex) {
		if (ex instanceof DemoFailure) {
			return ex.getMessage();
		}
		if (ex instanceof SendPulseException failure) {
			String status = (failure.getStatusCode() != 0) ? "SendPulse answered " + failure.getStatusCode()
					: "no answer from SendPulse";
			String code = (failure.getErrorCode() != null) ? " (" + failure.getErrorCode() + ")" : "";
			return status + code + ": " + failure.getMessage();
		}
		return ex.toString();
	}

	private static boolean isFinal(SmsStatus status) {
		return status == SmsStatus.DELIVERED || status == SmsStatus.UNDELIVERED || status == SmsStatus.FAILED;
	}

	private static boolean isFinal(CallStatus status) {
		return status == CallStatus.COMPLETED || status == CallStatus.BUSY || status == CallStatus.NO_ANSWER
				|| status == CallStatus.FAILED;
	}

	private static void logStep(int step, String title) {
		logger.info("[" + step + "/" + STEPS + "] " + title);
	}

	private static void logDetail(String detail) {
		logger.info("      " + detail);
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/**
	 * A demo step did not turn out as expected.
	 */
	static final class DemoFailure extends RuntimeException {

		DemoFailure(String message) {
			super(message);
		}

	}

}
