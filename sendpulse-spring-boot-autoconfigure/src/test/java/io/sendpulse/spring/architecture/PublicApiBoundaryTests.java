package io.sendpulse.spring.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API boundary of the starter, written down. A public type is a promise: it
 * lives in one of {@link #API_PACKAGES}, and nothing a user can reach in those packages
 * (a public or protected signature, a supertype) mentions a type under
 * {@code io.sendpulse.spring.internal}, which may change in any release. README lists the
 * same packages.
 */
class PublicApiBoundaryTests {

	/** The packages whose public types are API. */
	static final Set<String> API_PACKAGES = Set.of("io.sendpulse.spring", "io.sendpulse.spring.sms",
			"io.sendpulse.spring.voice", "io.sendpulse.spring.verify", "io.sendpulse.spring.webhook",
			"io.sendpulse.spring.observation", "io.sendpulse.spring.autoconfigure",
			"io.sendpulse.spring.autoconfigure.actuate", "io.sendpulse.spring.autoconfigure.webhook",
			"io.sendpulse.spring.accounts");

	private static final String INTERNAL = "io.sendpulse.spring.internal";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.sendpulse.spring");

	@Test
	void everyPackageIsEitherApiOrInternal() {
		List<String> strays = CLASSES.stream()
			.map(JavaClass::getPackageName)
			.distinct()
			.filter((name) -> !API_PACKAGES.contains(name) && !isInternal(name))
			.toList();
		assertThat(strays).as("packages that are neither API (see API_PACKAGES and README) nor internal").isEmpty();
	}

	@Test
	void noApiSignatureExposesAnInternalType() {
		List<String> leaks = new ArrayList<>();
		apiTypes().forEach((type) -> {
			type.getRawSuperclass()
				.filter(PublicApiBoundaryTests::isInternal)
				.ifPresent((superclass) -> leaks.add(type.getName() + " extends " + superclass.getName()));
			type.getRawInterfaces()
				.stream()
				.filter(PublicApiBoundaryTests::isInternal)
				.forEach((iface) -> leaks.add(type.getName() + " implements " + iface.getName()));
			type.getFields()
				.stream()
				.filter((field) -> isReachable(field.getModifiers()))
				.filter((field) -> mentionsInternal(field.getType()))
				.forEach((field) -> leaks.add(field.getFullName()));
			type.getCodeUnits()
				.stream()
				.filter((unit) -> isReachable(unit.getModifiers()))
				.filter(PublicApiBoundaryTests::mentionsInternal)
				.forEach((unit) -> leaks.add(unit.getFullName()));
		});
		assertThat(leaks).as("public API signatures that mention internal types").isEmpty();
	}

	@Test
	void autoConfigurationPackagesExposeOnlyWhatUsersConfigure() {
		List<String> unexpected = apiTypes().filter((type) -> type.getPackageName().contains(".autoconfigure"))
			.map((type) -> outermost(type).getSimpleName())
			.filter((name) -> !(name.endsWith("AutoConfiguration") || name.endsWith("Properties")
					|| name.endsWith("Customizer") || name.endsWith("ConnectionDetails")))
			.toList();
		assertThat(unexpected)
			.as("public types in autoconfigure packages other than auto-configurations, properties, "
					+ "customizers and connection details")
			.isEmpty();
	}

	@Test
	void theApiDoesNotDependOnAutoConfiguration() {
		List<String> dependencies = apiTypes().filter((type) -> !type.getPackageName().contains(".autoconfigure"))
			.flatMap((type) -> type.getDirectDependenciesFromSelf().stream())
			.filter((dependency) -> dependency.getTargetClass().getPackageName().contains(".autoconfigure"))
			.map((dependency) -> dependency.getDescription())
			.toList();
		assertThat(dependencies).isEmpty();
	}

	// A properties class's nested groups may nest again (sendpulse.accounts.<name>.sms).
	private static JavaClass outermost(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer;
	}

	private static Stream<JavaClass> apiTypes() {
		return CLASSES.stream()
			.filter((type) -> API_PACKAGES.contains(type.getPackageName()))
			.filter((type) -> isReachable(type.getModifiers()))
			.filter((type) -> type.getEnclosingClass().map((outer) -> isReachable(outer.getModifiers())).orElse(true));
	}

	private static boolean mentionsInternal(JavaCodeUnit unit) {
		return mentionsInternal(unit.getReturnType())
				|| unit.getParameterTypes().stream().anyMatch(PublicApiBoundaryTests::mentionsInternal)
				|| unit.getThrowsClause().getTypes().stream().anyMatch(PublicApiBoundaryTests::isInternal);
	}

	private static boolean mentionsInternal(JavaType type) {
		return type.getAllInvolvedRawTypes().stream().anyMatch(PublicApiBoundaryTests::isInternal);
	}

	private static boolean isReachable(Set<JavaModifier> modifiers) {
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

	private static boolean isInternal(JavaClass type) {
		return isInternal(type.getPackageName());
	}

	private static boolean isInternal(String packageName) {
		return packageName.equals(INTERNAL) || packageName.startsWith(INTERNAL + ".");
	}

}
