package io.sendpulse.sample;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Maven puts the starter's connector on this application's class path, which lists
 * the starter ahead of Boot's starters: after Spring's own jars, so that the classes
 * Spring loads while the application starts are not looked up in Netty's jars first.
 */
class ClassPathOrderTests {

	@Test
	void springsJarsComeBeforeNettys() throws IOException {
		List<String> jars = jarsInClassPathOrder();
		int firstNetty = firstIndex(jars, "netty-common-");
		assertThat(firstNetty).as("netty-common on the class path").isNotNegative();
		// spring-boot-<version>, not spring-boot-starter-* or spring-boot-autoconfigure-*
		for (String spring : List.of("spring-core-", "spring-beans-", "spring-context-", "spring-boot-[0-9]")) {
			assertThat(firstIndex(jars, spring)).as(spring + "* before netty-common-*")
				.isNotNegative()
				.isLessThan(firstNetty);
		}
	}

	// Every jar has a manifest, and the class loader lists resources in class path order
	// (Surefire's own jar first, then what its manifest names).
	private static List<String> jarsInClassPathOrder() throws IOException {
		List<String> jars = new ArrayList<>();
		for (URL manifest : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
			String path = manifest.getPath();
			int end = path.indexOf("!/");
			if (end > 0) {
				jars.add(path.substring(path.lastIndexOf('/', end) + 1, end));
			}
		}
		return jars;
	}

	private static int firstIndex(List<String> jars, String prefix) {
		Pattern start = Pattern.compile(prefix);
		for (int i = 0; i < jars.size(); i++) {
			if (start.matcher(jars.get(i)).lookingAt()) {
				return i;
			}
		}
		return -1;
	}

}
