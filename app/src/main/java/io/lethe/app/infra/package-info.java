/**
 * Kafka and PostgreSQL for Lethe: a real embedded single-node stack by default (KRaft broker
 * in-process, PostgreSQL via zonky), or external servers named by environment variables.
 *
 * <p>Entry points: {@link io.lethe.app.infra.InfrastructureFactory#create} and the
 * {@link io.lethe.app.infra.Infrastructure} it returns.
 */
package io.lethe.app.infra;
