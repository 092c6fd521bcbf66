/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds keys under {@code smtp.check.} and {@code smtp.check.servers.<name>.} that no
 * property binds, such as {@code smtp.check.hots}, and logs one WARN naming them: Boot
 * ignores unknown keys, and a typo would otherwise check the wrong thing without a word.
 * The known keys are read from the properties classes themselves, so a new property needs
 * no change here. Environment variables are not checked: their names cannot say where a
 * server name with a dash ends.
 */
final class UnknownSmtpCheckKeys {

	private static final Log logger = LogFactory.getLog(UnknownSmtpCheckKeys.class);

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(SmtpServerResolver.PREFIX);

	private static final Set<String> TOP_LEVEL_KEYS = keysOf(SmtpHealthProperties.class, "");

	private static final Set<String> SERVER_KEYS = keysOf(SmtpServerProperties.class, "");

	private UnknownSmtpCheckKeys() {
	}

	/**
	 * Log a WARN if the environment has keys that no property binds.
	 * @param environment the environment
	 */
	static void warnAbout(Environment environment) {
		Set<String> unknown = find(environment);
		if (!unknown.isEmpty()) {
			logger.warn("Unknown SMTP health check properties, ignored: " + String.join(", ", unknown)
					+ " (see the smtp-health README, \"Properties\")");
		}
	}

	static Set<String> find(Environment environment) {
		Set<String> unknown = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
				iterable.filter(PREFIX::isAncestorOf).forEach((name) -> {
					if (!isKnown(name)) {
						unknown.add(name.toString());
					}
				});
			}
		}
		return unknown;
	}

	private static boolean isKnown(ConfigurationPropertyName name) {
		int first = PREFIX.getNumberOfElements();
		if ("servers".equals(name.getElement(first, ConfigurationPropertyName.Form.UNIFORM))) {
			return name.getNumberOfElements() > first + 2 && isKnown(SERVER_KEYS, name, first + 2);
		}
		return isKnown(TOP_LEVEL_KEYS, name, first);
	}

	private static boolean isKnown(Set<String> keys, ConfigurationPropertyName name, int from) {
		StringBuilder key = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			key.append((i > from) ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
			if (keys.contains(key + ".*")) {
				return true;
			}
		}
		return keys.contains(key.toString());
	}

	/**
	 * The dashed keys of a properties class, nested groups (inner classes and records) as
	 * {@code auth.username}, maps and collections as {@code name.*} (anything below them
	 * binds).
	 */
	private static Set<String> keysOf(Class<?> type, String prefix) {
		Set<String> keys = new TreeSet<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				addKey(keys, type, prefix + DataObjectPropertyName.toDashedForm(component.getName()),
						component.getType());
			}
			return keys;
		}
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName()) && propertyType != null
					&& !"servers".equals(descriptor.getName())) {
				addKey(keys, type, prefix + DataObjectPropertyName.toDashedForm(descriptor.getName()), propertyType);
			}
		}
		return keys;
	}

	private static void addKey(Set<String> keys, Class<?> owner, String key, Class<?> propertyType) {
		if (Map.class.isAssignableFrom(propertyType) || Collection.class.isAssignableFrom(propertyType)) {
			keys.add(key + ".*");
		}
		else if (propertyType.isRecord() || propertyType.getEnclosingClass() == owner) {
			keys.addAll(keysOf(propertyType, key + "."));
		}
		else {
			keys.add(key);
		}
	}

}
