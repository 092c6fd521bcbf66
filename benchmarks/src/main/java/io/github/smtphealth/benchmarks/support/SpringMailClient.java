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

package io.github.smtphealth.benchmarks.support;

import java.util.Properties;

import jakarta.mail.MessagingException;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What Spring Boot's {@code MailHealthIndicator} does on every health check:
 * {@link JavaMailSenderImpl#testConnection()} (connect, greeting, EHLO, STARTTLS, EHLO,
 * AUTH, then QUIT on close) with the same server, security, credentials and certificate
 * trust as our probe. Timeouts are socket options as a careful user would set them; no
 * write timeout, which would cost JavaMail a thread per connection.
 *
 * @since 0.1.0
 */
public final class SpringMailClient {

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	/**
	 * Create a client for a target.
	 * @param target the target
	 */
	public SpringMailClient(BenchTarget target) {
		this.sender.setHost(target.host());
		this.sender.setPort(target.port());
		this.sender.setProtocol("smtp");
		Properties properties = new Properties();
		properties.put("mail.smtp.localhost", BenchTarget.HELO_NAME);
		properties.put("mail.smtp.connectiontimeout", "10000");
		properties.put("mail.smtp.timeout", "10000");
		if (target.tls()) {
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.starttls.required", "true");
			properties.put("mail.smtp.ssl.socketFactory", target.clientContext().getSocketFactory());
			properties.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		if (target.username() != null) {
			this.sender.setUsername(target.username());
			this.sender.setPassword(target.password());
			properties.put("mail.smtp.auth", "true");
			properties.put("mail.smtp.auth.mechanisms", "LOGIN");
		}
		this.sender.setJavaMailProperties(properties);
	}

	/**
	 * Check the connection once.
	 * @throws MessagingException if the server cannot be reached or refuses
	 */
	public void testConnection() throws MessagingException {
		this.sender.testConnection();
	}

}
