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

package io.github.smtphealth.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a command line into options and their values, the way {@code getopt_long} does
 * for {@code check_smtp}: {@code -H host}, {@code -Hhost}, bundled flags ({@code -SL}),
 * {@code --host host} and {@code --host=host}. It knows nothing of what the values mean.
 */
final class ArgumentParser {

	private ArgumentParser() {
	}

	/**
	 * Parse a command line.
	 * @param args the arguments
	 * @return each option given, with its value ({@code ""} for a flag)
	 * @throws UsageException for an unknown, repeated or incomplete option, or a stray
	 * argument
	 */
	static Map<Option, String> parse(List<String> args) throws UsageException {
		Map<Option, String> options = new EnumMap<>(Option.class);
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--") && arg.length() > 2) {
				i = parseLong(args, i, options);
			}
			else if (arg.startsWith("-") && arg.length() > 1) {
				i = parseShort(args, i, options);
			}
			else {
				// Never quoted: it may be the second half of a password that contained a
				// space.
				throw new UsageException("unexpected argument at position " + (i + 1) + " (options start with '-')");
			}
		}
		return options;
	}

	private static int parseLong(List<String> args, int index, Map<Option, String> options) throws UsageException {
		String arg = args.get(index);
		int equals = arg.indexOf('=');
		String name = arg.substring(2, (equals >= 0) ? equals : arg.length());
		Option option = Option.ofLong(name);
		if (option == null) {
			throw new UsageException("unknown option '--" + name + "'");
		}
		if (!option.takesValue()) {
			if (equals >= 0) {
				throw new UsageException(option.displayName() + " takes no value");
			}
			put(options, option, "");
			return index;
		}
		if (equals >= 0) {
			put(options, option, arg.substring(equals + 1));
			return index;
		}
		put(options, option, valueAt(args, index + 1, option));
		return index + 1;
	}

	private static int parseShort(List<String> args, int index, Map<Option, String> options) throws UsageException {
		String arg = args.get(index);
		for (int position = 1; position < arg.length(); position++) {
			char name = arg.charAt(position);
			Option option = Option.ofShort(name);
			if (option == null) {
				throw new UsageException("unknown option '-" + name + "'");
			}
			if (!option.takesValue()) {
				put(options, option, "");
				continue;
			}
			if (position + 1 < arg.length()) {
				put(options, option, arg.substring(position + 1));
				return index;
			}
			put(options, option, valueAt(args, index + 1, option));
			return index + 1;
		}
		return index;
	}

	private static String valueAt(List<String> args, int index, Option option) throws UsageException {
		if (index >= args.size()) {
			throw new UsageException(option.displayName() + " needs a value");
		}
		return args.get(index);
	}

	private static void put(Map<Option, String> options, Option option, String value) throws UsageException {
		if (options.putIfAbsent(option, value) != null) {
			throw new UsageException(option.displayName() + " is given more than once");
		}
	}

}
