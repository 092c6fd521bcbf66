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

package io.github.smtphealth.benchmarks.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;

/**
 * Workload g: the sample application's startup time with the starter switched off
 * ({@code management.health.smtp.enabled=false}: its auto-configuration backs off) and
 * on, with the same server configured (STARTTLS with AUTH and an SSL bundle), started
 * alternately, as Spring Boot logs it.
 *
 * @param context the run
 * @since 0.1.0
 */
public record StartupSection(RunContext context) {

	/**
	 * Measure and report.
	 * @throws IOException if the application does not start
	 */
	public void run() throws IOException {
		String loadBefore = this.context.load("g. startup with and without the starter");
		Samples withoutContext = new Samples();
		Samples withoutJvm = new Samples();
		Samples withContext = new Samples();
		Samples withJvm = new Samples();
		try (BenchTarget target = this.context.open(BenchTarget.INPROC_TLS)) {
			List<String> with = RunContext.sampleDefaults("10s");
			with.addAll(target.sampleArguments("smtp.check"));
			// The sample's readiness group names smtp, which does not exist with the
			// starter off.
			with.add("--management.endpoint.health.validate-group-membership=false");
			List<String> without = new ArrayList<>(with);
			without.add("--management.health.smtp.enabled=false");
			for (int i = 0; i < this.context.profile().startups(); i++) {
				measure("g-without-" + i, without, withoutContext, withoutJvm);
				measure("g-with-" + i, with, withContext, withJvm);
			}
		}
		double contextRatio = (double) withContext.median() / withoutContext.median();
		double jvmRatio = (double) withJvm.median() / withoutJvm.median();
		Report report = this.context.report();
		report.section("g. Application startup with and without the starter");
		report.paragraph("The sample application (embedded server off) started " + this.context.profile().startups()
				+ " times each way, alternately, with the same smtp.check.* for a STARTTLS server with AUTH and an "
				+ "SSL bundle: once with management.health.smtp.enabled=false (the starter is on the class path but "
				+ "its auto-configuration backs off) and once as is (properties, SslBundle, SmtpProbe with its "
				+ "SSLContext, SmtpChecks, the indicator and the metrics binder). Times as Spring Boot logs them: \"Started … in X seconds "
				+ "(process running for Y)\". No health request is made, so no probe runs. Machine " + loadBefore
				+ " before, " + this.context.load("g done") + " after.");
		report.table(List.of("Variant", "context start median (X)", "JVM uptime at started, median (Y)"),
				List.of(List.of("starter off", seconds(withoutContext), seconds(withoutJvm)),
						List.of("starter on", seconds(withContext), seconds(withJvm)),
						List.of("ratio on / off", Samples.ratio(contextRatio), Samples.ratio(jvmRatio))));
		report.summary("g. startup with / without the starter (JVM uptime at started)", Samples.ratio(jvmRatio), "-",
				Verdict.CONTEXT);
	}

	private void measure(String label, List<String> arguments, Samples context, Samples jvm) throws IOException {
		try (SampleApp app = this.context.startSample(label, arguments)) {
			double[] startup = app.startup();
			if (startup == null) {
				throw new IOException("No startup line in the log of " + label);
			}
			context.add((long) (startup[0] * 1e9));
			jvm.add((long) (startup[1] * 1e9));
		}
	}

	private static String seconds(Samples samples) {
		return Samples.number(samples.median() / 1e9, 3) + " s";
	}

}
