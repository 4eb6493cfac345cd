package io.sendpulse.benchmarks;

import java.util.List;

import io.sendpulse.spring.sms.SmsTemplate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * B6: what the starter adds to an application's startup (context refresh included).
 */
final class Startup {

	private static final String EXCLUDE = "spring.autoconfigure.exclude="
			+ "io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration,"
			+ "io.sendpulse.spring.autoconfigure.webhook.SendPulseWebhookAutoConfiguration";

	private Startup() {
	}

	static List<Result> run(Settings settings) {
		Rounds rounds = Rounds.alternate(settings.warmups(), settings.startups(), () -> startMillis(true),
				() -> startMillis(false));
		double[] added = new double[rounds.candidate().length];
		for (int i = 0; i < added.length; i++) {
			added[i] = rounds.candidate()[i] - rounds.baseline()[i];
		}
		double median = Rounds.median(rounds.candidate()) - Rounds.median(rounds.baseline());
		return List.of(new Result("B6", "startup with the starter vs without",
				String.format("+%.1f ms (%.0f vs %.0f ms)", median, Rounds.median(rounds.candidate()),
						Rounds.median(rounds.baseline())),
				String.format("per round %+.0f to %+.0f ms", Rounds.min(added), Rounds.max(added)), "≤ +50 ms",
				median <= 50));
	}

	private static double startMillis(boolean withStarter) {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "sendpulse.api-key=bench-key",
					withStarter ? "sendpulse.sms.from=Bench" : EXCLUDE)
			.run()) {
			if (withStarter != (context.getBeanNamesForType(SmsTemplate.class).length > 0)) {
				throw new IllegalStateException("the starter was " + (withStarter ? "absent" : "present"));
			}
			return (System.nanoTime() - start) / 1e6;
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
