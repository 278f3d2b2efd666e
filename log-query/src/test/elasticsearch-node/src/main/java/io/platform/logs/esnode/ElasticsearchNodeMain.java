package io.platform.logs.esnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one single-node Elasticsearch cluster on 127.0.0.1 until its standard input closes, so the node
 * never outlives the test JVM that started it.
 *
 * Arguments: home directory, HTTP port.
 */
public final class ElasticsearchNodeMain {

	private ElasticsearchNodeMain() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(args[0]).toAbsolutePath();
		String httpPort = args[1];
		Files.createDirectories(home.resolve("config"));
		Settings settings = Settings.builder()
			.put("path.home", home.toString())
			.put("path.data", home.resolve("data").toString())
			.put("path.logs", home.resolve("logs").toString())
			.put("cluster.name", "log-query-it")
			.put("node.name", "node-1")
			.put("discovery.type", "single-node")
			.put("network.host", "127.0.0.1")
			.put("http.port", httpPort)
			.put("transport.port", "0")
			.put("cluster.routing.allocation.disk.threshold_enabled", false)
			.build();
		LogConfigurator.configureESLogging();
		LogConfigurator.configureWithoutConfig(settings);
		Node node = new ClasspathNode(new Environment(settings, home.resolve("config")), List.of(Netty4Plugin.class));
		node.start();
		System.out.println("elasticsearch node started on port " + httpPort);
		System.out.flush();
		while (System.in.read() >= 0) {
			// wait for the parent to go away
		}
		node.close();
		System.exit(0);
	}

}
