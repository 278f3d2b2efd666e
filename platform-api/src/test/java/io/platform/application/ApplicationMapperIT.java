package io.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.platform.support.persistence.MariaDbTest;
import io.platform.support.web.ConflictException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

@MariaDbTest
class ApplicationMapperIT {

	@Autowired
	ApplicationMapper mapper;

	@Autowired
	ApplicationService applications;

	@Test
	void serviceIsInsertedReadUpdatedAndDeleted() {
		Instant created = Instant.parse("2026-03-29T01:30:15.123Z");
		Application app = application("mapper-crud");
		app.setArtifact("target/crud.jar");
		app.setJvmOptions("-Xmx128m");
		app.setBuildImage("registry.example.com/team/maven:3.9");
		app.setCreatedAt(created);
		app.setUpdatedAt(created);
		mapper.insert(app);
		assertThat(app.getId()).isNotNull();

		Application read = mapper.selectById(app.getId());
		assertThat(read).usingRecursiveComparison().isEqualTo(app);

		read.setPort(9443);
		read.setHealthPath("/ready");
		read.setArtifact(null);
		read.setBuildImage(null);
		read.setUpdatedAt(created.plus(1, ChronoUnit.HOURS));
		mapper.updateById(read);
		Application updated = mapper.selectById(app.getId());
		assertThat(updated.getPort()).isEqualTo(9443);
		assertThat(updated.getHealthPath()).isEqualTo("/ready");
		assertThat(updated.getArtifact()).isNull();
		assertThat(updated.getBuildImage()).as("cleared").isNull();
		assertThat(updated.getCreatedAt()).isEqualTo(created);
		assertThat(updated.getUpdatedAt()).isEqualTo(created.plus(1, ChronoUnit.HOURS));

		assertThat(mapper.deleteById(app.getId())).isOne();
		assertThat(mapper.selectById(app.getId())).isNull();
	}

	@Test
	void longestAllowedValuesFit() {
		Application app = application("m".repeat(63));
		app.setRepoUrl("https://example.com/" + "r".repeat(1004));
		app.setBuildCommand("b".repeat(1024));
		app.setArtifact("a".repeat(512));
		app.setHealthPath("/" + "h".repeat(254));
		app.setJvmOptions("j".repeat(1024));
		app.setBuildImage("i".repeat(255));
		mapper.insert(app);
		assertThat(mapper.selectById(app.getId())).usingRecursiveComparison().isEqualTo(app);
	}

	@Test
	void databaseRefusesASecondServiceOfTheSameName() {
		mapper.insert(application("mapper-unique"));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> mapper.insert(application("mapper-unique")));
	}

	@Test
	void serviceLayerTurnsADuplicateIntoAConflict() {
		ApplicationRequest request = new ApplicationRequest("service-unique", "https://example.com/x.git", null, null,
				null, null, null);
		applications.create(request);
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> applications.create(request));
		assertThat(applications.list()).extracting(Application::getName).containsOnlyOnce("service-unique");
	}

	private static Application application(String name) {
		Application app = new Application();
		app.setName(name);
		app.setRepoUrl("https://example.com/" + name + ".git");
		app.setBuildCommand("mvn -B package");
		app.setPort(8080);
		app.setHealthPath("/actuator/health");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		app.setCreatedAt(now);
		app.setUpdatedAt(now);
		return app;
	}

}
