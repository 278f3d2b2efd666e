package io.platform.observability;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.platform.logs.log.LogStore;
import io.platform.logs.log.elasticsearch.ElasticsearchLogSettings;
import io.platform.logs.log.elasticsearch.ElasticsearchLogStore;
import io.platform.logs.log.lucene.LogRetention;
import io.platform.logs.log.lucene.LuceneLogStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Where the services' logs go: an embedded Lucene index under platform.home (with retention by age and
 * size), or Elasticsearch when {@code platform.logs.elasticsearch.uris} is set.
 */
@Configuration(proxyBeanMethods = false)
class LogStoreConfig {

	private static final Logger log = LoggerFactory.getLogger(LogStoreConfig.class);

	@Bean(destroyMethod = "close")
	LogStore logStore(@Value("${platform.home}") Path home,
			@Value("${platform.logs.elasticsearch.uris:}") List<URI> elasticsearch,
			@Value("${platform.logs.elasticsearch.username:}") String username,
			@Value("${platform.logs.elasticsearch.password:}") String password,
			@Value("${platform.logs.retention:14d}") Duration retention,
			@Value("${platform.logs.max-size:2GB}") DataSize maxSize,
			@Value("${platform.logs.elasticsearch.timeout:30s}") Duration timeout) {
		if (!elasticsearch.isEmpty()) {
			log.info("Logs: Elasticsearch at {} (daily indices kept {} days)", elasticsearch, retention.toDays());
			return new ElasticsearchLogStore(new ElasticsearchLogSettings(elasticsearch, blankToNull(username),
					blankToNull(password), null, null, retention, timeout));
		}
		Path index = home.resolve("logs");
		log.info("Logs: embedded index at {} (kept {} days, at most {})", index, retention.toDays(), maxSize);
		return new LuceneLogStore(index, LogRetention.of(retention, maxSize.toBytes()));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
