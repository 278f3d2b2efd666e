package org.elasticsearch.node;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A node whose plugins come from the classpath. In this package because {@link NodeServiceProvider} and
 * {@link Node}'s construction hook are package-private.
 */
public class ClasspathNode extends Node {

	public ClasspathNode(Environment environment, List<Class<? extends Plugin>> plugins) {
		super(NodeConstruction.prepareConstruction(environment,
				PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false), new NodeServiceProvider() {

					@Override
					PluginsService newPluginService(Environment env, PluginsLoader loader) {
						return new ClasspathPluginsService(env.settings(), env, plugins);
					}

				}, true));
	}

}
