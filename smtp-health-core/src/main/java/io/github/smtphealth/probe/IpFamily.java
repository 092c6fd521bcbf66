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

package io.github.smtphealth.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses of the server's host name the probe may connect to.
 *
 * @since 0.1.0
 */
public enum IpFamily {

	/**
	 * Any address, in the order the resolver returns them.
	 */
	ANY,

	/**
	 * IPv4 addresses only.
	 */
	IPV4,

	/**
	 * IPv6 addresses only.
	 */
	IPV6;

	boolean accepts(InetAddress address) {
		return switch (this) {
			case ANY -> true;
			case IPV4 -> address instanceof Inet4Address;
			case IPV6 -> address instanceof Inet6Address;
		};
	}

}
