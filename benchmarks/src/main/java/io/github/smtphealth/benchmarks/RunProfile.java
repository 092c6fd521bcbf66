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

package io.github.smtphealth.benchmarks;

import java.time.Duration;

/**
 * How long each part of the run measures. {@link #full()} is what {@code BENCHMARKS.md}
 * is written from (about twelve minutes); {@link #quick()} only proves that the harness
 * works.
 *
 * @param name the profile's name
 * @param jmhForks JMH forks per benchmark
 * @param jmhWarmupIterations JMH warmup iterations per fork
 * @param jmhMeasurementIterations JMH measurement iterations per fork
 * @param jmhIterationTime the length of one JMH iteration
 * @param httpWarmup health requests per server before measuring
 * @param rounds interleaved rounds of check_smtp and HTTP measurements
 * @param checkSmtpPerRound check_smtp runs per server and round
 * @param httpPerRound health requests per server and round
 * @param loadWarmup how long the cached endpoint is loaded before measuring
 * @param loadDuration how long the cached endpoint is measured at each concurrency
 * @param scaleWarmup composite health requests before measuring, per server count
 * @param scaleRequests composite health requests measured, per server count and latency
 * @param heapServers servers configured to measure heap per server
 * @param startups application starts per variant
 * @since 0.1.0
 */
public record RunProfile(String name, int jmhForks, int jmhWarmupIterations, int jmhMeasurementIterations,
		Duration jmhIterationTime, int httpWarmup, int rounds, int checkSmtpPerRound, int httpPerRound,
		Duration loadWarmup, Duration loadDuration, int scaleWarmup, int scaleRequests, int heapServers, int startups) {

	/**
	 * The profile of a real run.
	 * @return the profile
	 */
	public static RunProfile full() {
		return new RunProfile("full", 2, 6, 5, Duration.ofSeconds(1), 300, 5, 8, 40, Duration.ofSeconds(5),
				Duration.ofSeconds(10), 50, 150, 500, 5);
	}

	/**
	 * The profile of a smoke test: every step runs, no number means anything.
	 * @return the profile
	 */
	public static RunProfile quick() {
		return new RunProfile("quick", 1, 1, 1, Duration.ofMillis(200), 10, 1, 2, 5, Duration.ofSeconds(1),
				Duration.ofSeconds(2), 3, 10, 50, 1);
	}

}
