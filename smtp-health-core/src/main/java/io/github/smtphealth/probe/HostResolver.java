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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The probe calls it on a separate thread, bounded by
 * its deadline, so an implementation may block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HostResolver {

	/**
	 * The system resolver ({@link InetAddress#getAllByName(String)}).
	 */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * Resolve the host name.
	 * @param host the host name
	 * @return the addresses, in the order to try them
	 * @throws UnknownHostException if the name does not resolve
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
