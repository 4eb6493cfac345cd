package io.sendpulse.benchmarks.startup;

import java.lang.management.ManagementFactory;

import io.sendpulse.benchmarks.startup.web.WebhookScan;
import io.sendpulse.benchmarks.startup.web.Webhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small application as users write one: {@code main} runs {@link SpringApplication},
 * and a listener prints {@value #READY} when the application is ready, with the JVM's
 * uptime, the CPU time it used and what the starter contributed (a bean named
 * {@code smsTemplate}, a bean of {@link Webhooks}), then the JVM exits. {@code web} as
 * the first argument starts it on Tomcat (Spring MVC) with the endpoint of package
 * {@code web}; otherwise it is a non-web application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApplication {

	/** What the application prints once ready. */
	public static final String READY = "STARTUP-READY";

	public static void main(String[] args) {
		boolean web = args.length > 0 && args[0].equals("web");
		SpringApplication application = web ? new SpringApplication(StartupApplication.class, WebhookScan.class)
				: new SpringApplication(StartupApplication.class);
		application.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			ConfigurableApplicationContext context = event.getApplicationContext();
			long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
			// CPU time (every thread, JIT and GC included) says how much work the start
			// was, whatever else the machine was doing.
			long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1_000_000;
			System.out.println(
					READY + " uptime=" + uptime + " cpu=" + cpu + " smsTemplate=" + context.containsBean("smsTemplate")
							+ " webhooks=" + context.getBeanNamesForType(Webhooks.class).length);
			System.out.flush();
			System.exit(SpringApplication.exit(context));
		});
		application.run(args);
	}

}
