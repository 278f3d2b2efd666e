package io.platform.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real port with small limits, so tests can reach them quickly: every class
 * carrying it shares one context (local processes, a fresh platform.home), so tests pick names no other
 * test uses.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.runtime=process", "platform.api.max-body-size=64KB", "platform.deploy.max-queued=2",
				"platform.streams.max-per-user=2", "platform.streams.timeout=4s", "platform.docker.timeout=2s",
				"platform.ingress.read-timeout=5s", "platform.ingress.max-concurrent=3", "server.tomcat.threads.max=8",
				"platform.gitlab.timeout=2s", "platform.skywalking.query-timeout=2s" })
@ContextConfiguration(initializers = FreshPlatformHome.class)
public @interface LimitedPlatformTest {

}
