package io.platform.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationRequestTest {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void startValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void nameAndRepositoryAloneAreEnough() {
		assertThat(invalidFields(new ApplicationRequest("orders", "https://example.com/o.git", null, null, null, null,
				null))).isEmpty();
	}

	@Test
	void everyFieldFilledInIsValid() {
		assertThat(invalidFields(new ApplicationRequest("orders-2", "https://example.com/o.git", "mvn package",
				"target/o.jar", 65535, "/", "-Xmx128m"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "orders", "orders-api", "a1", "x-1-y" })
	void hostNameLabelsAreValidNames(String name) {
		assertThat(invalidFields(request(name))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "Orders", "my app", "1orders", "-orders", "orders-", "orders_api", "orders.api",
			"ordérs", "orders\n" })
	void namesThatAreNotHostNameLabelsAreRefused(String name) {
		assertThat(invalidFields(request(name))).containsExactly("name");
	}

	@Test
	void nameOfAtMost63CharactersFitsAHostNameLabel() {
		assertThat(invalidFields(request("a".repeat(63)))).isEmpty();
		assertThat(invalidFields(request("a".repeat(64)))).containsExactly("name");
	}

	@Test
	void missingNameAndRepositoryAreBothReported() {
		assertThat(invalidFields(new ApplicationRequest(null, " ", null, null, null, null, null)))
			.containsExactlyInAnyOrder("name", "repoUrl");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 65536, 70000 })
	void portOutsideTheTcpRangeIsRefused(int port) {
		assertThat(invalidFields(new ApplicationRequest("p", "https://example.com/o.git", null, null, port, null,
				null))).containsExactly("port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "health", "", "/health check", "/health?full=true", "/health#top", "actuator/health" })
	void healthPathMustBeAPlainAbsolutePath(String healthPath) {
		assertThat(invalidFields(new ApplicationRequest("h", "https://example.com/o.git", null, null, null, healthPath,
				null))).containsExactly("healthPath");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "busybox", "maven:3.9-eclipse-temurin-17", "platform-build:jdk17-maven",
			"library/maven", "registry.example.com/team/build:1", "localhost:5000/build", "my_team/build__x:v1.2",
			"maven@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" })
	void dockerImageReferencesAreValidBuildImages(String image) {
		assertThat(invalidFields(withBuildImage(image))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "Maven", "maven 3", "maven:", ":latest", "maven:3;rm -rf /", "-maven", "maven/",
			"registry.example.com//build", "maven:-tag", "maven@sha256:short", "$(id)" })
	void whatIsNoDockerImageReferenceIsRefusedAsBuildImage(String image) {
		assertThat(invalidFields(withBuildImage(image))).containsExactly("buildImage");
	}

	@Test
	void aBuildImageOfAtMost255CharactersIsAccepted() {
		assertThat(invalidFields(withBuildImage("a".repeat(255)))).isEmpty();
		assertThat(invalidFields(withBuildImage("a".repeat(256)))).containsExactly("buildImage");
	}

	private static ApplicationRequest withBuildImage(String image) {
		return new ApplicationRequest("b", "https://example.com/o.git", null, null, null, null, null, image);
	}

	@Test
	void overlongFieldsAreRefused() {
		String long1025 = "x".repeat(1025);
		assertThat(invalidFields(new ApplicationRequest("l", long1025, long1025, "a".repeat(513), null,
				"/" + "a".repeat(255), long1025)))
			.containsExactlyInAnyOrder("repoUrl", "buildCommand", "artifact", "healthPath", "jvmOptions");
	}

	@Test
	void messagesReadAfterTheFieldName() {
		Set<ConstraintViolation<ApplicationRequest>> violations = validator
			.validate(new ApplicationRequest("p", "https://example.com/o.git", null, null, 0, null, null));
		assertThat(violations).singleElement()
			.extracting(ConstraintViolation::getMessage)
			.isEqualTo("must be between 1 and 65535");
	}

	private static ApplicationRequest request(String name) {
		return new ApplicationRequest(name, "https://example.com/o.git", null, null, null, null, null);
	}

	private static Set<String> invalidFields(ApplicationRequest request) {
		return validator.validate(request)
			.stream()
			.map(v -> v.getPropertyPath().toString())
			.collect(Collectors.toSet());
	}

}
