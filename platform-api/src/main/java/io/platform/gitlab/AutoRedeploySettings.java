package io.platform.gitlab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.ApplicationService;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.gitlab.GitLabMappers.AutoRedeployMapper;
import io.platform.support.web.InvalidInputException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Per service and environment, whether a push to a deployed branch redeploys it: on in dev, off elsewhere unless set. */
@Service
class AutoRedeploySettings {

	static final String DEFAULT_ON = "dev";

	private final AutoRedeployMapper mapper;

	private final ApplicationService applications;

	private final EnvironmentService environments;

	AutoRedeploySettings(AutoRedeployMapper mapper, ApplicationService applications, EnvironmentService environments) {
		this.mapper = mapper;
		this.applications = applications;
		this.environments = environments;
	}

	/** Every environment, in order, with its setting for the service. */
	Map<String, Boolean> get(String app) {
		String name = applications.get(app).getName();
		Map<String, Boolean> stored = new LinkedHashMap<>();
		for (AutoRedeploy row : mapper.selectList(new LambdaQueryWrapper<AutoRedeploy>().eq(AutoRedeploy::getApp, name))) {
			stored.put(row.getEnv(), row.isEnabled());
		}
		Map<String, Boolean> settings = new LinkedHashMap<>();
		for (Environment env : environments.list()) {
			settings.put(env.getName(), stored.getOrDefault(env.getName(), DEFAULT_ON.equals(env.getName())));
		}
		return settings;
	}

	/** Changes the environments named; the others keep their setting. */
	@Transactional
	Map<String, Boolean> put(String app, Map<String, Boolean> changes) {
		String name = applications.get(app).getName();
		List<String> known = environments.list().stream().map(Environment::getName).toList();
		for (Map.Entry<String, Boolean> change : changes.entrySet()) {
			if (!known.contains(change.getKey())) {
				throw new InvalidInputException(change.getKey(),
						"Environment '" + change.getKey() + "' does not exist (there are " + String.join(", ", known) + ").");
			}
			if (change.getValue() == null) {
				throw new InvalidInputException(change.getKey(), "Say true or false for environment '" + change.getKey() + "'.");
			}
			if (change.getValue() && environments.get(change.getKey()).getIsProtected()) {
				throw new InvalidInputException(change.getKey(), "Environment '" + change.getKey()
						+ "' is protected: changes reach it through releases, not on push.");
			}
		}
		for (Map.Entry<String, Boolean> change : changes.entrySet()) {
			mapper.delete(new LambdaQueryWrapper<AutoRedeploy>().eq(AutoRedeploy::getApp, name)
				.eq(AutoRedeploy::getEnv, change.getKey()));
			AutoRedeploy row = new AutoRedeploy();
			row.setApp(name);
			row.setEnv(change.getKey());
			row.setEnabled(change.getValue());
			mapper.insert(row);
		}
		return get(name);
	}

	boolean enabled(String app, String env) {
		AutoRedeploy row = mapper.selectOne(
				new LambdaQueryWrapper<AutoRedeploy>().eq(AutoRedeploy::getApp, app).eq(AutoRedeploy::getEnv, env));
		return row == null ? DEFAULT_ON.equals(env) : row.isEnabled();
	}

	void forget(String app) {
		mapper.delete(new LambdaQueryWrapper<AutoRedeploy>().eq(AutoRedeploy::getApp, app));
	}

}
