/**
 * The steps of a job on the simulated accelerator: {@link io.lethe.worker.steps.JobExecutor} runs one job as its
 * steps (backbone training and programming, branch training, exact retraining, forgetting, deployment), each
 * reporting its metrics and priced operations; {@link io.lethe.worker.steps.ModelCache} keeps the models between
 * jobs. Named for what it holds: the device's own model is the simulator's ({@code io.lethe.sim.device}).
 */
package io.lethe.worker.steps;
