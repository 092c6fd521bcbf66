package io.github.smtphealth.sample.embedded;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * Ties the life of an {@link EmbeddedSmtpServer} that started before the application context to that
 * context: the server becomes the {@code embeddedSmtpServer} bean and stops when the context closes
 * (its beans are destroyed, on close or on a failed refresh), or when the application fails to start
 * before there is a context to close.
 */
final class EmbeddedSmtpServerLifecycle
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, ApplicationListener<ApplicationFailedEvent> {

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
