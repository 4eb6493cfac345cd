package io.sendpulse.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

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
 * uptime, the CPU time it used (all threads, the main thread's, the JIT compilers'), the
 * classes it loaded and what the starter contributed (a bean named {@code smsTemplate}, a
 * bean of {@link Webhooks}), then the JVM exits. {@code web} as the first argument starts
 * it on Tomcat (Spring MVC) with the endpoint of package {@code web}; otherwise it is a
 * non-web application.
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
			long mainThread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
			long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
			System.out.println(
					READY + " uptime=" + uptime + " cpu=" + cpu + " main=" + mainThread + " jit=" + compilerCpuMillis()
							+ " classes=" + classes + " smsTemplate=" + context.containsBean("smsTemplate")
							+ " webhooks=" + context.getBeanNamesForType(Webhooks.class).length);
			System.out.flush();
			System.exit(SpringApplication.exit(context));
		});
		application.run(args);
	}

	/**
	 * CPU time of the JIT compilers' threads (HotSpot's C1 and C2), from Linux's
	 * {@code /proc}; -1 elsewhere. On two cores they compete with the main thread.
	 */
	private static long compilerCpuMillis() {
		File[] threads = new File("/proc/self/task").listFiles();
		if (threads == null) {
			return -1;
		}
		long nanos = 0;
		for (File thread : threads) {
			try {
				String name = Files.readString(new File(thread, "comm").toPath()).trim();
				if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
					// schedstat: time on a CPU (ns), time waiting for one, time slices
					nanos += Long.parseLong(Files.readString(new File(thread, "schedstat").toPath()).split(" ")[0]);
				}
			}
			catch (NoSuchFileException ex) {
				// A compiler thread that ended (HotSpot stops surplus ones): its time is
				// lost with it.
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return nanos / 1_000_000;
	}

}
