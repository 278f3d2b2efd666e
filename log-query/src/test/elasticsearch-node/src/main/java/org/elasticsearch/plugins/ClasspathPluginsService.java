package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.elasticsearch.Version;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

/**
 * Loads plugins from the classpath instead of a plugins directory (the published jars have no
 * distribution layout). It lives in this package because {@link PluginsService.LoadedPlugin} is
 * package-private.
 */
public class ClasspathPluginsService extends PluginsService {

	private final List<LoadedPlugin> plugins;

	public ClasspathPluginsService(Settings settings, Environment environment, List<Class<? extends Plugin>> classes) {
		super(settings, environment.configDir(), PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
		List<LoadedPlugin> loaded = new ArrayList<>();
		for (Class<? extends Plugin> type : classes) {
			Plugin plugin = loadPlugin(type, settings, environment.configDir());
			PluginDescriptor descriptor = new PluginDescriptor(type.getName(), "classpath plugin", "NA",
					Version.CURRENT.toString(), Integer.toString(Runtime.version().feature()), type.getName(), null,
					List.of(), false, false, false, false);
			loaded.add(new LoadedPlugin(descriptor, plugin, type.getClassLoader()));
		}
		loadExtensions(loaded);
		this.plugins = List.copyOf(loaded);
	}

	@Override
	protected List<LoadedPlugin> plugins() {
		return this.plugins;
	}

}
