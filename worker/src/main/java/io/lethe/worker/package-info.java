/**
 * The worker service: consumes jobs from {@code lethe.jobs}, loads the records from the vault, drives the
 * accelerator simulator, keeps each model's device state (snapshots in schema {@code worker}) and sends one
 * {@code lethe.CompleteJob} result per job on {@code lethe.commands}. {@link io.lethe.worker.Worker} is the
 * entry point. Never imports the command side, the query side or the app (DESIGN.md §3).
 */
package io.lethe.worker;
