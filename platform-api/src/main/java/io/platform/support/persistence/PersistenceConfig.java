package io.platform.support.persistence;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.context.annotation.Configuration;

/** Finds the mybatis-plus mappers of every feature package. */
@Configuration(proxyBeanMethods = false)
@MapperScan(basePackages = "io.platform", annotationClass = org.apache.ibatis.annotations.Mapper.class, sqlSessionTemplateRef = "sqlSessionTemplate")
class PersistenceConfig {

}
