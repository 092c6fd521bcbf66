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

package io.github.smtphealth.sample.embedded;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * Ties the life of an {@link EmbeddedSmtpServer} that started before the application
 * context to that context: the server becomes the {@code embeddedSmtpServer} bean and
 * stops when the context closes (its beans are destroyed, on close or on a failed
 * refresh), or when the application fails to start before there is a context to close.
 */
final class EmbeddedSmtpServerLifecycle implements ApplicationContextInitializer<ConfigurableApplicationContext>,
		ApplicationListener<ApplicationFailedEvent> {

	/**
	 * Name of the server's bean.
	 */
	static final String BEAN_NAME = "embeddedSmtpServer";

	private final EmbeddedSmtpServer server;

	EmbeddedSmtpServerLifecycle(EmbeddedSmtpServer server) {
		this.server = server;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Assert.isInstanceOf(DefaultSingletonBeanRegistry.class, beanFactory, "Bean factory");
		beanFactory.registerSingleton(BEAN_NAME, this.server);
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, this.server::stop);
	}

	@Override
	public void onApplicationEvent(ApplicationFailedEvent event) {
		this.server.stop();
	}

}
