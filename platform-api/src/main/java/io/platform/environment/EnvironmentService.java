package io.platform.environment;

import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.support.web.NotFoundException;

import org.springframework.stereotype.Service;

/** Reads the environments; other features ask it to resolve an environment by name. */
@Service
public class EnvironmentService {

	private final EnvironmentMapper mapper;

	EnvironmentService(EnvironmentMapper mapper) {
		this.mapper = mapper;
	}

	public List<Environment> list() {
		return mapper.selectList(new LambdaQueryWrapper<Environment>().orderByAsc(Environment::getSortOrder));
	}

	/** The environment of that name, or a 404 problem that lists the known ones. */
	public Environment get(String name) {
		Environment environment = mapper
			.selectOne(new LambdaQueryWrapper<Environment>().eq(Environment::getName, name));
		if (environment == null) {
			throw new NotFoundException("Environment '" + name + "' does not exist; known environments: "
					+ list().stream().map(Environment::getName).toList() + ".");
		}
		return environment;
	}

}
