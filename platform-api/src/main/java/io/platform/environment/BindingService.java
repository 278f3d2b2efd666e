package io.platform.environment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.ApplicationDeleting;
import io.platform.application.ApplicationService;
import io.platform.support.crypto.SecretCipher;
import io.platform.observability.skywalking.SkyWalking;
import io.platform.outbound.OutboundRules;
import io.platform.support.web.HttpUrls;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Middleware bindings: per environment, and per service in an environment (which win). Secrets are
 * encrypted at rest, masked in every answer, and their values are masked in logs by {@link #masker}.
 */
@Service
public class BindingService {

	private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	/**
	 * Keys whose values the web UI shows as links (the environment's Kibana and SkyWalking UI): http(s)
	 * URLs only, so that no binding can put a javascript: link in front of the people who click it.
	 */
	static final Set<String> LINK_KEYS = Set.of("KIBANA_URL", "SKYWALKING_UI_URL");

	/** Secrets shorter than this are not masked in logs: they would mask ordinary words. */
	private static final int MIN_MASKED_LENGTH = 4;

	private final BindingMapper mapper;

	private final EnvironmentService environments;

	private final ApplicationService applications;

	private final SecretCipher cipher;

	private final OutboundRules outbound;

	BindingService(BindingMapper mapper, EnvironmentService environments, ApplicationService applications,
			SecretCipher cipher, OutboundRules outbound) {
		this.outbound = outbound;
		this.mapper = mapper;
		this.environments = environments;
		this.applications = applications;
		this.cipher = cipher;
	}

	/** A binding with its plain value, for the runtime only; never for answers or logs. */
	public record Resolved(String key, String value, boolean secret, String source) {
	}

	public List<BindingView> list(String env) {
		String name = environments.get(env).getName();
		return rows(name, "").stream().map(b -> view(b, "environment")).toList();
	}

	/** A service's effective bindings in an environment: the environment's, overridden by its own. */
	public List<BindingView> effectiveViews(String app, String env) {
		return effective(app, env).values()
			.stream()
			.map(r -> new BindingView(r.key(), r.secret() ? BindingView.MASK : r.value(), r.secret(), r.source()))
			.toList();
	}

	/** What the running service is given, secrets decrypted, by key. */
	public Map<String, Resolved> effective(String app, String env) {
		String appName = applications.get(app).getName();
		String envName = environments.get(env).getName();
		Map<String, Resolved> result = new LinkedHashMap<>();
		for (Binding binding : rows(envName, "")) {
			result.put(binding.getBindingKey(), resolve(binding, "environment"));
		}
		for (Binding binding : rows(envName, appName)) {
			// The platform's own keys come from the environment only, whatever rows an older version let in.
			if (!isReserved(binding.getBindingKey())) {
				result.put(binding.getBindingKey(), resolve(binding, "service"));
			}
		}
		return result;
	}

	/**
	 * Keys the platform itself reads (PLATFORM_MYSQL_ADMIN_URL and the like): set per environment by
	 * platform admins, never overridden by a service.
	 */
	public static boolean isReserved(String key) {
		// Any case: "platform_mysql_admin_url" would be the same setting to a person reading the bindings.
		return key.regionMatches(true, 0, "PLATFORM_", 0, "PLATFORM_".length());
	}

	/** Replaces the secret values of a service's bindings in an environment by {@code ******} in a text. */
	public UnaryOperator<String> masker(String app, String env) {
		List<String> secrets = effective(app, env).values()
			.stream()
			.filter(Resolved::secret)
			.map(Resolved::value)
			.filter(v -> v.length() >= MIN_MASKED_LENGTH)
			.sorted((a, b) -> b.length() - a.length())
			.toList();
		if (secrets.isEmpty()) {
			return UnaryOperator.identity();
		}
		return line -> {
			String masked = line;
			for (String secret : secrets) {
				masked = masked.replace(secret, BindingView.MASK);
			}
			return masked;
		};
	}

	/** An environment's own bindings, secrets decrypted, by key: for the platform's use of its middleware. */
	public Map<String, Resolved> environmentBindings(String env) {
		Map<String, Resolved> result = new LinkedHashMap<>();
		for (Binding binding : rows(environments.get(env).getName(), "")) {
			result.put(binding.getBindingKey(), resolve(binding, "environment"));
		}
		return result;
	}

	/** The keys an environment binds (its own, not services' overrides). */
	public Set<String> keys(String env) {
		Set<String> keys = new TreeSet<>();
		rows(environments.get(env).getName(), "").forEach(b -> keys.add(b.getBindingKey()));
		return keys;
	}

	@Transactional
	public BindingView put(String env, String app, String key, BindingRequest request) {
		String envName = environments.get(env).getName();
		String appName = app == null ? "" : applications.get(app).getName();
		if (!KEY.matcher(key).matches()) {
			throw new InvalidInputException("key", "Binding key '" + key
					+ "' is not an environment variable name: letters, digits and '_', not starting with a digit, at most 128.");
		}
		if (!appName.isEmpty() && isReserved(key)) {
			throw new InvalidInputException("key", "'" + key + "' is one of the platform's own keys (PLATFORM_...): "
					+ "it is set on the environment by a platform admin, not overridden by a service.");
		}
		if (DatabaseProvisioner.ADMIN_URL.equals(key)) {
			String problem = AdminJdbcUrl.problem(request.value());
			if (problem != null) {
				throw new InvalidInputException("value", key + " " + problem + ".");
			}
		}
		if (LINK_KEYS.contains(key) && request.value() != null && !request.value().isBlank()
				&& !HttpUrls.isHttp(request.value())) {
			throw new InvalidInputException("value", key + " is shown as a link: its value must be an http:// or "
					+ "https:// URL with a host, such as https://" + key.substring(0, key.indexOf('_')).toLowerCase(Locale.ROOT)
					+ ".example.com; other schemes (javascript:, data:, ...) are refused.");
		}
		if (SkyWalking.COLLECTOR.equals(key) || SkyWalking.OAP_URL.equals(key)) {
			// The platform itself queries the OAP these name.
			outbound.checkOap("value", request.value());
		}
		Binding binding = mapper.selectOne(query(envName, appName).eq(Binding::getBindingKey, key));
		boolean created = binding == null;
		if (created) {
			binding = new Binding();
			binding.setEnv(envName);
			binding.setApp(appName);
			binding.setBindingKey(key);
		}
		boolean secret = request.secret() != null ? request.secret() : !created && binding.isSecret();
		binding.setSecret(secret);
		binding.setValueText(secret ? cipher.encrypt(request.value()) : request.value());
		binding.setUpdatedAt(Instant.now());
		if (created) {
			mapper.insert(binding);
		}
		else {
			mapper.updateById(binding);
		}
		return view(binding, appName.isEmpty() ? "environment" : "service");
	}

	@Transactional
	public void delete(String env, String app, String key) {
		String envName = environments.get(env).getName();
		String appName = app == null ? "" : applications.get(app).getName();
		int deleted = mapper.delete(query(envName, appName).eq(Binding::getBindingKey, key));
		if (deleted == 0) {
			throw new NotFoundException("No binding '" + key + "' in " + envName
					+ (appName.isEmpty() ? "" : " for service '" + appName + "'") + ".");
		}
	}

	@EventListener
	void on(ApplicationDeleting event) {
		mapper.delete(new LambdaQueryWrapper<Binding>().eq(Binding::getApp, event.name()));
	}

	@EventListener
	void on(EnvironmentDeleting event) {
		mapper.delete(new LambdaQueryWrapper<Binding>().eq(Binding::getEnv, event.name()));
	}

	private List<Binding> rows(String env, String app) {
		return mapper.selectList(query(env, app).orderByAsc(Binding::getBindingKey));
	}

	private static LambdaQueryWrapper<Binding> query(String env, String app) {
		return new LambdaQueryWrapper<Binding>().eq(Binding::getEnv, env).eq(Binding::getApp, app);
	}

	private Resolved resolve(Binding binding, String source) {
		return new Resolved(binding.getBindingKey(), binding.isSecret() ? cipher.decrypt(binding.getValueText()) : binding.getValueText(),
				binding.isSecret(), source);
	}

	private static BindingView view(Binding binding, String source) {
		return new BindingView(binding.getBindingKey(), binding.isSecret() ? BindingView.MASK : binding.getValueText(),
				binding.isSecret(), source);
	}

}
