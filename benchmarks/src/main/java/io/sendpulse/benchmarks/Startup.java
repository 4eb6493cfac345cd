package io.sendpulse.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sendpulse.benchmarks.startup.StartupApplication;

/**
 * B6: what the starter adds to an application's cold start. Each start is a fresh JVM, as
 * users start applications, timed from launching the process to the application printing
 * that it is ready ({@code ApplicationReadyEvent}), with the starter and without: the
 * same application with the starter's jars (those it brings that the application would
 * not have anyway) left off the class path, so that their class loading counts. A non-web
 * application with {@code sendpulse.api-key} set, and a Spring MVC (Tomcat) application
 * with one {@code @SendPulseWebhook} endpoint. Beside them, as a reference, the same
 * application with Spring Boot's own {@code spring-boot-starter-webclient} instead of the
 * starter: what a user pays for a {@code WebClient} as Boot ships it.
 */
final class Startup {

	/** What {@code spring-boot-starter} brings: every application has these. */
	private static final Set<String> CORE = Set.of("spring-boot-starter", "spring-boot-starter-logging",
			"logback-classic", "logback-core", "log4j-to-slf4j", "log4j-api", "jul-to-slf4j", "slf4j-api",
			"spring-boot-autoconfigure", "spring-boot", "spring-core", "commons-logging", "spring-context",
			"spring-aop", "spring-expression", "spring-beans", "micrometer-observation", "micrometer-commons",
			"jakarta.annotation-api", "snakeyaml", "jspecify");

	/** What {@code spring-boot-starter-webmvc} adds. */
	private static final Set<String> WEB_MVC = Set.of("spring-boot-starter-webmvc", "spring-boot-starter-jackson",
			"spring-boot-jackson", "jackson-databind", "jackson-annotations", "jackson-core",
			"spring-boot-starter-tomcat", "spring-boot-starter-tomcat-runtime", "tomcat-embed-core", "tomcat-embed-el",
			"tomcat-embed-websocket", "spring-boot-tomcat", "spring-boot-http-converter", "spring-web",
			"spring-boot-webmvc", "spring-boot-servlet", "spring-webmvc", "spring-boot-web-server");

	/**
	 * What {@code sendpulse-spring-boot-starter} brings (./mvnw dependency:tree -am -pl
	 * sendpulse-spring-boot-starter), and every {@code netty-*}.
	 */
	private static final Set<String> STARTER = Set.of("sendpulse-spring-boot-starter",
			"sendpulse-spring-boot-autoconfigure", "spring-web", "spring-webflux", "jackson-databind",
			"jackson-annotations", "jackson-core", "resilience4j-ratelimiter", "resilience4j-core",
			"resilience4j-retry", "slf4j-api", "reactor-core", "reactive-streams", "reactor-netty-http",
			"reactor-netty-core");

	/** Leaves the starter's jars in place but none of its auto-configurations. */
	private static final String EXCLUDE_STARTER = "--spring.autoconfigure.exclude="
			+ "io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration,"
			+ "io.sendpulse.spring.autoconfigure.webhook.SendPulseWebhookAutoConfiguration,"
			+ "io.sendpulse.spring.autoconfigure.actuate.SendPulseActuatorAutoConfiguration";

	/** The benchmarks' own classes, where the application is. */
	private static final String APPLICATION = "benchmarks";

	/**
	 * The system property naming the file where module {@code startup-reference} wrote
	 * the class path of Spring Boot's {@code spring-boot-starter-webclient}.
	 */
	static final String REFERENCE = "benchmarks.startup.reference";

	/** What the ready marker reports besides the time: CPU times (ms) and classes. */
	private static final Pattern FIGURE = Pattern.compile(" (cpu|main|jit|classes)=(-?\\d+)");

	private static final Pattern JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

	private Startup() {
	}

	static List<Result> run(Settings settings) {
		int warmups = settings.smoke() ? 0 : 3;
		int starts = settings.smoke() ? 1 : 21;
		List<String> classPath = classPath();
		List<String> reference = reference();
		List<Result> results = new ArrayList<>();
		results.addAll(
				measure("non-web application, sendpulse.api-key set", false, classPath, reference, warmups, starts));
		results.addAll(measure("Spring MVC (Tomcat) application, one @SendPulseWebhook endpoint", true, classPath,
				reference, warmups, starts));
		return results;
	}

	/**
	 * Four sides, rotating: with the starter; with its jars but its auto-configurations
	 * excluded (what the jars cost by being there: the JVM opening and searching them,
	 * and the Spring Boot auto-configurations they switch on); without it; with Spring
	 * Boot's {@code spring-boot-starter-webclient} instead (the reference).
	 */
	private static List<Result> measure(String what, boolean web, List<String> classPath, List<String> referenceJars,
			int warmups, int starts) {
		Set<String> application = web ? union(CORE, WEB_MVC) : CORE;
		String with = select(classPath, union(application, STARTER));
		String without = select(classPath, application);
		String reference = withReference(without, referenceJars);
		Figures withFigures = new Figures(warmups);
		Figures jarsFigures = new Figures(warmups);
		Figures withoutFigures = new Figures(warmups);
		Figures referenceFigures = new Figures(warmups);
		double[][] sides = Rounds.rotate(warmups, starts,
				() -> start(with, web, expected(true, web), withFigures, List.of(), List.of()),
				// The endpoint's class is there, and a component of the scanned package.
				() -> start(with, web, expected(false, web), jarsFigures, List.of(), List.of(EXCLUDE_STARTER)),
				() -> start(without, web, expected(false, false), withoutFigures, List.of(), List.of()),
				() -> start(reference, web, expected(false, false), referenceFigures, List.of(), List.of()));
		double withMedian = Rounds.median(sides[0]);
		double jarsMedian = Rounds.median(sides[1]);
		double withoutMedian = Rounds.median(sides[2]);
		double referenceMedian = Rounds.median(sides[3]);
		double[] added = differences(sides[0], sides[2]);
		double[] own = differences(sides[0], sides[1]);
		double[] referenceAdded = differences(sides[3], sides[2]);
		double median = withMedian - withoutMedian;
		double ownMedian = withMedian - jarsMedian;
		Result total = new Result("B6", "cold start (a fresh JVM each), " + what + ", with the starter vs without",
				String.format("%+.0f ms (%.0f vs %.0f ms)", median, withMedian, withoutMedian),
				String.format(
						"per round %+.0f to %+.0f ms (median %+.0f); of it the jars being there %+.0f ms, the "
								+ "starter's auto-configuration %+.0f ms; %s; %d starts each side, rotating, after %d",
						Rounds.min(added), Rounds.max(added), Rounds.median(added), jarsMedian - withoutMedian,
						ownMedian, withFigures.against(withoutFigures), starts, warmups),
				"≤ +50 ms", median <= 50);
		Result starter = new Result("B6-own", "cold start, " + what
				+ ": the starter's auto-configuration, with the starter vs its jars with its auto-configurations excluded",
				String.format("%+.0f ms (%.0f vs %.0f ms)", ownMedian, withMedian, jarsMedian),
				String.format("per round %+.0f to %+.0f ms (median %+.0f); %s", Rounds.min(own), Rounds.max(own),
						Rounds.median(own), withFigures.against(jarsFigures)),
				"≤ +50 ms", ownMedian <= 50);
		Result referenceResult = new Result("B6-ref",
				"cold start, " + what
						+ ": the reference, Spring Boot's own spring-boot-starter-webclient (a WebClient.Builder, "
						+ "no SendPulse) vs without",
				String.format("%+.0f ms (%.0f vs %.0f ms); the starter adds %s", referenceMedian - withoutMedian,
						referenceMedian, withoutMedian, againstReference(withMedian - referenceMedian)),
				String.format("per round %+.0f to %+.0f ms (median %+.0f); %s", Rounds.min(referenceAdded),
						Rounds.max(referenceAdded), Rounds.median(referenceAdded),
						referenceFigures.against(withoutFigures)),
				"reported", true);
		return List.of(total, starter, referenceResult);
	}

	private static String againstReference(double difference) {
		return (difference < 0) ? String.format("%.0f ms less", -difference)
				: String.format("%.0f ms more", difference);
	}

	private static double[] differences(double[] minuend, double[] subtrahend) {
		double[] differences = new double[minuend.length];
		for (int i = 0; i < minuend.length; i++) {
			differences[i] = minuend[i] - subtrahend[i];
		}
		return differences;
	}

	/**
	 * The classes one start with the starter loads until the application is ready, from
	 * the JVM's class-load log.
	 * @param web whether to start the Spring MVC application
	 * @return the loaded classes' names
	 */
	static List<String> classesLoadedWithTheStarter(boolean web) {
		Set<String> application = web ? union(CORE, WEB_MVC) : CORE;
		try {
			Path log = Files.createTempFile("b6-class-load", ".log");
			try {
				start(select(classPath(), union(application, STARTER)), web, expected(true, web), new Figures(0),
						List.of("-Xlog:class+load=info:file=" + log), List.of());
				return Files.readAllLines(log)
					.stream()
					// [uptime][level][tags] name source: ...
					.map((line) -> line.substring(line.lastIndexOf("] ") + 2).split(" ")[0])
					.toList();
			}
			finally {
				Files.deleteIfExists(log);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String expected(boolean smsTemplate, boolean webhooks) {
		return "smsTemplate=" + smsTemplate + " webhooks=" + (webhooks ? 1 : 0);
	}

	/**
	 * Milliseconds from launching a JVM with the given class path to the application's
	 * ready marker.
	 */
	private static double start(String classPath, boolean web, String expected, Figures figures,
			List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, StartupApplication.class.getName(), web ? "web" : "non-web",
				"--spring.main.banner-mode=off", "--sendpulse.api-key=bench-key", "--sendpulse.sms.from=Bench"));
		command.addAll(arguments);
		if (web) {
			command.addAll(List.of("--server.port=0", "--sendpulse.webhook.secret=bench-secret"));
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		StringBuilder output = new StringBuilder();
		try {
			long start = System.nanoTime();
			Process process = builder.start();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith(StartupApplication.READY)) {
						double millis = (System.nanoTime() - start) / 1e6;
						if (!line.endsWith(expected)) {
							throw new IllegalStateException("expected " + expected + ", the application said: " + line);
						}
						figures.add(line);
						reader.transferTo(java.io.Writer.nullWriter());
						process.waitFor();
						return millis;
					}
					output.append(line).append('\n');
				}
			}
			throw new IllegalStateException(
					"the application exited with " + process.waitFor() + " before it was ready:\n" + output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the starts of one side reported besides their time, the warm-ups left out: the
	 * CPU time to ready of every thread, of the main thread and of the JIT compilers
	 * (where {@code /proc} tells it), and the classes loaded.
	 */
	private static final class Figures {

		private final int warmups;

		private final Map<String, List<Double>> values = new HashMap<>();

		Figures(int warmups) {
			this.warmups = warmups;
		}

		void add(String readyLine) {
			Matcher figure = FIGURE.matcher(readyLine);
			while (figure.find()) {
				double value = Double.parseDouble(figure.group(2));
				// -1: not known on this system (the JIT compilers' time outside Linux).
				if (value >= 0) {
					this.values.computeIfAbsent(figure.group(1), (name) -> new ArrayList<>()).add(value);
				}
			}
		}

		double median(String name) {
			List<Double> all = this.values.getOrDefault(name, List.of());
			if (all.size() <= this.warmups) {
				return Double.NaN;
			}
			return Rounds
				.median(all.subList(this.warmups, all.size()).stream().mapToDouble(Double::doubleValue).toArray());
		}

		/** The medians against another side's. */
		String against(Figures other) {
			String figures = String.format(
					"CPU time to ready %+.0f ms (%.0f vs %.0f ms), of it the main thread %+.0f ms",
					median("cpu") - other.median("cpu"), median("cpu"), other.median("cpu"),
					median("main") - other.median("main"));
			if (!Double.isNaN(median("jit")) && !Double.isNaN(other.median("jit"))) {
				figures += String.format(" and the JIT compilers %+.0f ms", median("jit") - other.median("jit"));
			}
			return figures + String.format("; classes loaded %+.0f", median("classes") - other.median("classes"));
		}

	}

	/**
	 * The class path of Spring Boot's {@code spring-boot-starter-webclient}, as module
	 * {@code startup-reference} wrote it.
	 */
	static List<String> reference() {
		String file = System.getProperty(REFERENCE);
		if (file == null || !Files.isRegularFile(Path.of(file))) {
			throw new IllegalStateException("B6 needs system property " + REFERENCE
					+ " naming the class path file of module startup-reference (" + file
					+ "); run it through Maven: ./mvnw -pl benchmarks -am verify -Pbenchmarks -DskipTests");
		}
		try {
			return Arrays.asList(Files.readString(Path.of(file)).strip().split(File.pathSeparator));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The application's class path with the reference's jars added, but for the artifacts
	 * the application has already, in the same versions (one BOM).
	 */
	private static String withReference(String application, List<String> reference) {
		List<String> entries = new ArrayList<>(Arrays.asList(application.split(File.pathSeparator)));
		Set<String> artifacts = new HashSet<>();
		entries.forEach((entry) -> artifacts.add(artifact(entry)));
		for (String entry : reference) {
			if (artifacts.add(artifact(entry))) {
				entries.add(entry);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/** This JVM's class path entries (the test class path under Surefire). */
	private static List<String> classPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.asList(classPath.split(File.pathSeparator));
	}

	/** The entries whose artifact is one of {@code artifacts}, as a class path. */
	private static String select(List<String> classPath, Set<String> artifacts) {
		List<String> selected = new ArrayList<>();
		for (String entry : classPath) {
			String artifact = artifact(entry);
			if (artifacts.contains(artifact) || artifact.equals(APPLICATION)
					|| (artifacts.contains("reactor-netty-core") && artifact.startsWith("netty-"))) {
				selected.add(entry);
			}
		}
		return String.join(File.pathSeparator, selected);
	}

	/**
	 * The artifact a class path entry holds: a jar's name without its version, or the
	 * module of a {@code target/classes} directory.
	 */
	static String artifact(String entry) {
		Path path = Path.of(entry);
		String name = String.valueOf(path.getFileName());
		Matcher jar = JAR.matcher(name);
		if (jar.matches()) {
			return jar.group(1);
		}
		if (name.equals("classes") && path.getParent() != null && path.getParent().getParent() != null) {
			return String.valueOf(path.getParent().getParent().getFileName());
		}
		return name;
	}

	private static Set<String> union(Set<String> one, Set<String> other) {
		Set<String> union = new HashSet<>(one);
		union.addAll(other);
		return union;
	}

}
