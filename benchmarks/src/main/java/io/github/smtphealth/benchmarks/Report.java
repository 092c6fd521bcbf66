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

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown of {@code BENCHMARKS.md}: a summary of every target with its verdict, then
 * one section per workload with its raw numbers.
 *
 * @since 0.1.0
 */
public final class Report {

	private final List<List<String>> summary = new ArrayList<>();

	private final StringBuilder body = new StringBuilder();

	/**
	 * Whether a number meets its target.
	 */
	public enum Verdict {

		/**
		 * The target is met.
		 */
		MET("met"),

		/**
		 * The target is missed.
		 */
		MISSED("**missed**"),

		/**
		 * There is no target: the number is context.
		 */
		CONTEXT("context");

		private final String text;

		Verdict(String text) {
			this.text = text;
		}

		/**
		 * Return a verdict from a condition.
		 * @param met whether the target is met
		 * @return the verdict
		 */
		public static Verdict of(boolean met) {
			return met ? MET : MISSED;
		}

	}

	/**
	 * Add a line to the summary.
	 * @param workload such as {@code a. floor, postfix-tls}
	 * @param measured the measured ratio or number
	 * @param target the target, or {@code -}
	 * @param verdict the verdict
	 */
	public void summary(String workload, String measured, String target, Verdict verdict) {
		this.summary.add(List.of(workload, measured, target, verdict.text));
	}

	/**
	 * Start a section.
	 * @param title the title
	 */
	public void section(String title) {
		this.body.append("\n## ").append(title).append("\n\n");
	}

	/**
	 * Add a paragraph.
	 * @param text the text
	 */
	public void paragraph(String text) {
		this.body.append(text).append("\n\n");
	}

	/**
	 * Add a table.
	 * @param header the column names
	 * @param rows the rows
	 */
	public void table(List<String> header, List<List<String>> rows) {
		this.body.append(table(header, rows, true));
	}

	/**
	 * Add preformatted text.
	 * @param text the text
	 */
	public void preformatted(String text) {
		this.body.append("```\n").append(text.strip()).append("\n```\n\n");
	}

	/**
	 * Return the summary table.
	 * @return the Markdown
	 */
	public String summaryTable() {
		return table(List.of("Workload", "Measured", "Target", "Verdict"), this.summary, false);
	}

	/**
	 * Return the sections.
	 * @return the Markdown
	 */
	public String body() {
		return this.body.toString();
	}

	private static String table(List<String> header, List<List<String>> rows, boolean trailingBlankLine) {
		StringBuilder table = new StringBuilder();
		table.append("| ").append(String.join(" | ", header)).append(" |\n|");
		header.forEach((column) -> table.append("---|"));
		table.append('\n');
		for (List<String> row : rows) {
			table.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		if (trailingBlankLine) {
			table.append('\n');
		}
		return table.toString();
	}

}
