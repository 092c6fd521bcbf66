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

package io.github.smtphealth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the sample's actuator endpoints over real HTTP with the JDK's client, as a load
 * balancer, Kubernetes or Prometheus would; also the HTTP API of the tests' own
 * Prometheus server.
 */
final class ActuatorClient {

	/**
	 * One client for every test: the JDK 17 client cannot be closed, and each one keeps a
	 * selector thread until it is garbage collected.
	 */
	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final BasicJsonTester json = new BasicJsonTester(ActuatorClient.class);

	private static final Duration FIRST_VERDICT_WITHIN = Duration.ofSeconds(15);

	private final String base;

	ActuatorClient(int port) {
		this("localhost", port);
	}

	ActuatorClient(String host, int port) {
		this.base = "http://" + host + ":" + port;
	}

	/**
	 * GET a JSON endpoint.
	 * @param path the path, such as {@code /actuator/health}
	 * @return the response
	 */
	Response getJson(String path) {
		return get(path, "application/json");
	}

	/**
	 * Ask {@code /actuator/health/smtp} until the first check has finished: before it,
	 * the answer is "no result yet" (out of service), and a cold TLS handshake on a
	 * loaded machine can take longer than the 0.8 s a request waits for it. For tests
	 * about the verdict itself.
	 * @return this client
	 */
	ActuatorClient awaitFirstVerdict() {
		long deadline = System.nanoTime() + FIRST_VERDICT_WITHIN.toNanos();
		while (getJson("/actuator/health/smtp").body().contains("\"reason\":\"no result yet")) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("No SMTP verdict within " + FIRST_VERDICT_WITHIN.toSeconds() + " s");
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the first verdict", ex);
			}
		}
		return this;
	}

	/**
	 * GET a health endpoint and assert what it answers: the HTTP status and the health
	 * status.
	 * @param path the path, such as {@code /actuator/health/smtp}
	 * @param httpStatus the HTTP status it must answer with
	 * @param status the health status it must report, such as {@code UP}
	 * @return the JSON, for what else the test asserts
	 */
	JsonContent<Object> health(String path, int httpStatus, String status) {
		Response response = getJson(path);
		assertThat(response.status()).as(response.body()).isEqualTo(httpStatus);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo(status);
		return json;
	}

	/**
	 * Assert that the aggregate health and the readiness group both answer with the given
	 * HTTP status and health status, and that both include the SMTP check with that
	 * status.
	 * @param httpStatus the HTTP status
	 * @param status the health status, such as {@code DOWN}
	 */
	void assertHealthAndReadiness(int httpStatus, String status) {
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness" }) {
			assertThat(health(path, httpStatus, status)).as(path)
				.extractingJsonPathStringValue("$.components.smtp.status")
				.isEqualTo(status);
		}
	}

	/**
	 * GET the Prometheus scrape and assert that it answers with HTTP 200.
	 * @return the scrape
	 */
	String prometheus() {
		Response response = getPrometheus();
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	/**
	 * GET {@code /actuator/health/smtp}, assert its HTTP and health status, then GET the
	 * Prometheus scrape: the meters are read once the health endpoint has answered with
	 * that verdict.
	 * @param httpStatus the expected HTTP status of the health call
	 * @param status the expected health status
	 * @return the scrape
	 */
	String prometheusAfterSmtpHealth(int httpStatus, String status) {
		health("/actuator/health/smtp", httpStatus, status);
		return prometheus();
	}

	/**
	 * GET the Prometheus scrape in the text format.
	 * @return the response
	 */
	Response getPrometheus() {
		return get("/actuator/prometheus", "text/plain");
	}

	private Response get(String path, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during GET " + path, ex);
		}
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the HTTP status code
	 * @param body the body
	 */
	record Response(int status, String body) {

		JsonContent<Object> json() {
			return ActuatorClient.json.from(this.body);
		}

	}

}
