package io.sendpulse.spring.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sandbox is an independent check of the client: a bug in the client's records,
 * enums, constants or rules must not be mirrored by the server that tests it.
 */
class SandboxIndependenceTests {

	private static final JavaClasses sandbox = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.sendpulse.spring.test");

	@Test
	void sharesNoCodeWithTheClientsInternals() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("io.sendpulse.spring.internal..")
			.because("the sandbox must not reuse the client's core, rules or masking")
			.check(sandbox);
	}

	@Test
	void serverReadsAndWritesTheWireWithoutTheApisTypes() {
		noClasses().that()
			.resideInAPackage("io.sendpulse.spring.test.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.sendpulse.spring.sms..", "io.sendpulse.spring.voice..",
					"io.sendpulse.spring.verify..", "io.sendpulse.spring.autoconfigure..", "io.sendpulse.spring.test")
			.because("the server parses and writes the wire itself; the facade converts at the boundary")
			.check(sandbox);
	}

}
