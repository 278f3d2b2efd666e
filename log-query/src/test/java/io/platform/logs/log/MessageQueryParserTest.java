package io.platform.logs.log;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageQueryParserTest {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', textBlock = """
			timeout AND NOT retry         | +message:timeout -message:retry
			"connection refused"          | message:"connection refused"
			refused connection            | +message:refused +message:connection
			giving OR refused             | message:giving message:refused
			(timeout OR refused) AND db   | +(message:timeout message:refused) +message:db
			time*                         | message:time*
			db-1\\:3306                  | +message:db +message:1 +message:3306
			""")
	void acceptsLuceneSyntaxWithAndAsTheDefault(String q, String parsed) {
		assertThat(MessageQueryParser.parse(q, "message", new StandardAnalyzer())).hasToString(parsed);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			timeout AND (retry    | 18
			timeout AND OR retry  | 12
			timeout AND           | 11
			"connection refused   | 19
			a) b                  | 1
			*timeout              | 0
			error AND level:ERROR | 10
			/[a-z/                | 0
			""")
	void rejectsBadSyntaxWithThePositionOfTheError(String q, int position) {
		assertThatThrownBy(() -> MessageQueryParser.validate(q))
			.isInstanceOfSatisfying(LogQuerySyntaxException.class, (ex) -> {
				assertThat(ex.position()).isEqualTo(position);
				assertThat(ex.query()).isEqualTo(q);
				assertThat(ex.getMessage()).startsWith("Invalid query at position " + position + ": ");
			});
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			/.*/                        | 0
			/.*.*.*.*.*.*.*.*x/         | 0
			error AND /[a-z]+ed/        | 10
			error OR (db AND /.*/)      | 17
			NOT /timeout.*/ AND refused | 4
			""")
	void refusesRegularExpressionsTheyScanEveryTerm(String q, int position) {
		assertThatThrownBy(() -> MessageQueryParser.validate(q))
			.isInstanceOfSatisfying(LogQuerySyntaxException.class, (ex) -> {
				assertThat(ex.position()).isEqualTo(position);
				assertThat(ex.getMessage()).contains("regular expressions (/.../) are not supported")
					.contains("escape the slash");
			});
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', textBlock = """
			GET \\/api\\/orders     | +message:get +message:api +message:orders
			"GET /api/orders"        | message:"get api orders"
			""")
	void anEscapedOrQuotedSlashIsText(String q, String parsed) {
		assertThat(MessageQueryParser.parse(q, "message", new StandardAnalyzer())).hasToString(parsed);
	}

}
