package io.platform.support.persistence;

import io.platform.support.SignedIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The build that runs on H2 by default runs unchanged on MariaDB when spring.datasource points there. */
@MariaDbTest
class PlatformOnMariaDbIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Test
	void applicationUsesTheMariaDbServer() throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).contains("/platform_it_");
			assertThat(connection.getMetaData().getDatabaseProductName() + " "
					+ connection.getMetaData().getDatabaseProductVersion()).containsAnyOf("MariaDB", "MySQL");
		}
	}

	@Test
	void healthIsUpAndTheApiServesFromMariaDb() throws Exception {
		assertThat(send(HttpRequest.newBuilder(url("/actuator/health"))).body()).contains("\"status\":\"UP\"");

		assertThat(send(HttpRequest.newBuilder(url("/api/environments"))).body())
			.containsSubsequence("\"dev\"", "\"test\"", "\"pre\"", "\"prod\"");

		HttpResponse<String> created = send(HttpRequest.newBuilder(url("/api/apps"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\": \"on-mariadb\", \"repoUrl\": \"https://example.com/on-mariadb.git\"}")));
		assertThat(created.statusCode()).isEqualTo(201);

		HttpResponse<String> duplicate = send(HttpRequest.newBuilder(url("/api/apps"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\": \"on-mariadb\", \"repoUrl\": \"https://example.com/on-mariadb.git\"}")));
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> read = send(HttpRequest.newBuilder(url("/api/apps/on-mariadb")));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"port\":8080").contains("\"healthPath\":\"/actuator/health\"");

		assertThat(send(HttpRequest.newBuilder(url("/api/apps/on-mariadb")).DELETE()).statusCode()).isEqualTo(204);
		assertThat(send(HttpRequest.newBuilder(url("/api/apps/on-mariadb"))).statusCode()).isEqualTo(404);
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private String token;

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		if (token == null) {
			token = SignedIn.adminToken("http://127.0.0.1:" + port);
		}
		return http.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
	}

}
