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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The one decision of whether the starter is on, shared by the auto-configuration's
 * condition and the environment post-processors, so that off means off everywhere: with
 * the indicator disabled, or no server to check, the starter contributes no bean, no
 * status order and no thread.
 */
final class SmtpCheckActivation {

	private static final String HEALTH_CONTRIBUTOR_CLASS = "org.springframework.boot.health.contributor.HealthContributor";

	private SmtpCheckActivation() {
	}

	/**
	 * Return what names the server to check: {@code smtp.check.host},
	 * {@code smtp.check.servers} or {@code spring.mail.host}, or {@code null} if nothing
	 * does. An empty value, as {@code ${SMTP_HOST:}} gives, means "not configured".
	 * @param binder the binder of the environment
	 * @return the property that names a server, or {@code null}
	 */
	static @Nullable String serverSource(Binder binder) {
		if (hasText(binder, "smtp.check.host")) {
			return "smtp.check.host";
		}
		if (binder.bind("smtp.check.servers", Bindable.mapOf(String.class, Object.class)).isBound()) {
			return "smtp.check.servers";
		}
		if (hasText(binder, "spring.mail.host")) {
			return "spring.mail.host";
		}
		return null;
	}

	/**
	 * Return whether the indicator is enabled, as Boot's
	 * {@code @ConditionalOnEnabledHealthIndicator} decides it.
	 * @param binder the binder of the environment
	 * @return whether {@code management.health.smtp.enabled} (or the defaults) allow it
	 */
	static boolean isEnabled(Binder binder) {
		boolean defaults = binder.bind("management.health.defaults.enabled", Boolean.class).orElse(true);
		return binder.bind("management.health.smtp.enabled", Boolean.class).orElse(defaults);
	}

	/**
	 * Return whether the starter is active: the health library present, the indicator
	 * enabled and a server to check.
	 * @param binder the binder of the environment
	 * @param classLoader the application's class loader
	 * @return whether the starter contributes anything
	 */
	static boolean isActive(Binder binder, @Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(HEALTH_CONTRIBUTOR_CLASS, classLoader) && isEnabled(binder)
				&& serverSource(binder) != null;
	}

	/**
	 * Return whether the active check follows {@code spring.mail.*} because nothing else
	 * names a server.
	 * @param binder the binder of the environment
	 * @param classLoader the application's class loader
	 * @return whether the check is the application's mail server's
	 */
	static boolean followsSpringMail(Binder binder, @Nullable ClassLoader classLoader) {
		return isActive(binder, classLoader) && "spring.mail.host".equals(serverSource(binder));
	}

	private static boolean hasText(Binder binder, String name) {
		return StringUtils.hasText(binder.bind(name, String.class).orElse(null));
	}

}
