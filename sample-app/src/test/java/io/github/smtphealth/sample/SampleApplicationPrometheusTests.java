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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.smtphealth.sample.embedded.EmbeddedSmtpServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as Prometheus sees it, with background refresh every second: the
 * README's metric table against {@code /actuator/prometheus}, and a real Prometheus
 * server on loopback that scrapes the app with the shipped
 * {@code docs/prometheus/smtp-health-rules.yml} loaded unchanged, while the embedded SMTP
 * server stops answering.
 * <p>
 * Only the test's own {@code prometheus.yml} is short (scrape and evaluation every
 * second): the rules file is the one users load. {@code SmtpCheckFailing} has
 * {@code for: 5m}, so the test waits for it to be <em>pending</em>, which Prometheus
 * reports at the first evaluation that finds {@code smtp_check_up == 0}; firing after
 * {@code for:} is covered by the rules' promtool unit tests. Bounds: 60 s for each state
 * change, generous for a 1 s probe interval on a loaded 2-core machine.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "smtp.check.refresh=background", "smtp.check.interval=1s" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationPrometheusTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path RULES = Path.of("..", "docs", "prometheus", "smtp-health-rules.yml");

	private static final Duration STATE_CHANGE = Duration.ofSeconds(60);

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? .*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

	private final int port;

	private final ActuatorClient actuator;

	private final EmbeddedSmtpServer embeddedSmtpServer;

	SampleApplicationPrometheusTests(@LocalServerPort int port, @Autowired EmbeddedSmtpServer embeddedSmtpServer) {
		this.port = port;
		this.actuator = new ActuatorClient(port);
		this.embeddedSmtpServer = embeddedSmtpServer;
	}

	@Test
	@Order(1)
	void readmeMetricTableShouldMatchPrometheusScrapeOfSampleApp() throws IOException {
		Map<String, Family> documented = documentedFamilies();
		assertThat(documented).containsKeys("smtp_check_seconds", "smtp_check_phase_seconds", "smtp_check_up",
				"smtp_check_certificate_expiry_seconds");
		Map<String, Family> scraped = scrapedFamilies(awaitScrapeWith("smtp_check_certificate_expiry_seconds{"));
		assertThat(scraped).isEqualTo(documented);
	}

	@Test
	@Order(2)
	void prometheusShouldSeeUpTurnToZeroAndSmtpCheckFailingPendWhenRelayStops(@TempDir Path directory)
			throws IOException {
		try (LoopbackPrometheus prometheus = LoopbackPrometheus.start(directory, "127.0.0.1:" + this.port,
				Duration.ofSeconds(1), RULES)) {
			List<Map<String, Object>> groups = prometheus.ruleGroups();
			assertThat(groups).extracting((group) -> group.get("file"))
				.containsOnly(RULES.toAbsolutePath().normalize().toString());
			assertThat(groups).flatExtracting((group) -> ruleNames(group))
				.contains("SmtpCheckFailing", "SmtpCertificateExpiringSoon",
						"instance_server_phase:smtp_check_failures:increase1h");
			prometheus.awaitQuery("up{job=\"sample-app\"}", (result) -> valueIs(result, 1), STATE_CHANGE);
			prometheus.awaitQuery("smtp_check_up{job=\"sample-app\",server=\"default\"}",
					(result) -> valueIs(result, 1), STATE_CHANGE);
			prometheus.awaitQuery("instance_server:smtp_check_certificate_remaining:seconds",
					(result) -> result.size() == 1 && value(result.get(0)) > 80 * 86400, STATE_CHANGE);
			assertThat(smtpCheckFailing(prometheus.awaitAlerts((alerts) -> true, STATE_CHANGE))).isEmpty();

			this.embeddedSmtpServer.stop();

			prometheus.awaitQuery("smtp_check_up{job=\"sample-app\",server=\"default\"}",
					(result) -> valueIs(result, 0), STATE_CHANGE);
			List<Map<String, Object>> alerts = prometheus.awaitAlerts(
					(all) -> smtpCheckFailing(all).stream().anyMatch((alert) -> "pending".equals(alert.get("state"))),
					STATE_CHANGE);
			assertThat(smtpCheckFailing(alerts)).singleElement()
				.satisfies((alert) -> assertThat(labels(alert)).containsEntry("server", "default")
					.containsEntry("severity", "critical")
					.containsEntry("job", "sample-app"));
			prometheus.awaitQuery("instance_server_phase:smtp_check_failures:increase1h{phase=\"connect\"}",
					(result) -> result.size() == 1 && value(result.get(0)) > 0, STATE_CHANGE);
			prometheus.awaitQuery("up{job=\"sample-app\"}", (result) -> valueIs(result, 1), STATE_CHANGE);
		}
	}

	/**
	 * The README's table "| meter | Prometheus | type | tags | meaning |": a timer is a
	 * summary and a {@code _max} gauge, a gauge is a gauge; each with exactly the
	 * documented tags.
	 */
	private static Map<String, Family> documentedFamilies() throws IOException {
		List<String> lines = Files.readAllLines(README);
		int header = lines.indexOf("| meter | Prometheus | type | tags | meaning |");
		assertThat(header).as("metric table in " + README).isNotNegative();
		Map<String, Family> families = new TreeMap<>();
		for (String line : lines.subList(header + 2, lines.size())) {
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.substring(1).split("\\|");
			String name = cells[1].trim().replace("`", "");
			String type = cells[2].trim();
			Set<String> tags = Arrays.stream(cells[3].split(","))
				.map((tag) -> tag.trim().replace("`", ""))
				.collect(Collectors.toCollection(TreeSet::new));
			if (type.startsWith("timer")) {
				families.put(name, new Family("summary", tags));
				families.put(name + "_max", new Family("gauge", tags));
			}
			else {
				families.put(name, new Family(type.startsWith("gauge") ? "gauge" : type, tags));
			}
		}
		return families;
	}

	/**
	 * The families in a scrape whose names start with {@code smtp_check}, with the label
	 * keys of their samples.
	 */
	private static Map<String, Family> scrapedFamilies(String scrape) {
		Map<String, String> types = new LinkedHashMap<>();
		Map<String, Set<String>> labels = new TreeMap<>();
		for (String line : scrape.split("\n")) {
			if (line.startsWith("# TYPE smtp_check")) {
				String[] parts = line.split(" ");
				types.put(parts[2], parts[3]);
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!line.startsWith("#") && sample.matches() && sample.group(1).startsWith("smtp_check")) {
				String family = familyOf(sample.group(1), types);
				Set<String> keys = labels.computeIfAbsent(family, (name) -> new TreeSet<>());
				Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
				while (label.find()) {
					keys.add(label.group(1));
				}
			}
		}
		Map<String, Family> families = new TreeMap<>();
		types.forEach((name, type) -> families.put(name, new Family(type, labels.getOrDefault(name, Set.of()))));
		return families;
	}

	private static String familyOf(String sampleName, Map<String, String> types) {
		if (types.containsKey(sampleName)) {
			return sampleName;
		}
		for (String suffix : List.of("_count", "_sum", "_bucket")) {
			if (sampleName.endsWith(suffix)
					&& types.containsKey(sampleName.substring(0, sampleName.length() - suffix.length()))) {
				return sampleName.substring(0, sampleName.length() - suffix.length());
			}
		}
		return sampleName;
	}

	private String awaitScrapeWith(String text) {
		long deadline = System.nanoTime() + STATE_CHANGE.toNanos();
		String scrape = this.actuator.prometheus();
		while (!scrape.contains(text) && System.nanoTime() < deadline) {
			LoopbackPrometheus.pause();
			scrape = this.actuator.prometheus();
		}
		assertThat(scrape).contains(text);
		return scrape;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ruleNames(Map<String, Object> group) {
		return ((List<Map<String, Object>>) group.get("rules")).stream()
			.map((rule) -> String.valueOf(rule.get("name")))
			.toList();
	}

	private static List<Map<String, Object>> smtpCheckFailing(List<Map<String, Object>> alerts) {
		return alerts.stream().filter((alert) -> "SmtpCheckFailing".equals(labels(alert).get("alertname"))).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> labels(Map<String, Object> alert) {
		return (Map<String, Object>) alert.get("labels");
	}

	private static boolean valueIs(List<Map<String, Object>> result, double expected) {
		return result.size() == 1 && value(result.get(0)) == expected;
	}

	/**
	 * The value of an instant-query sample: {@code "value": [<time>, "<value>"]}.
	 */
	private static double value(Map<String, Object> sample) {
		List<?> value = (List<?>) sample.get("value");
		return Double.parseDouble(String.valueOf(value.get(1)));
	}

	/**
	 * A Prometheus metric family: its type and the label keys of its samples.
	 *
	 * @param type the type in {@code # TYPE}
	 * @param labels the label keys
	 */
	private record Family(String type, Set<String> labels) {
	}

}
