/** JMH benchmark of ticket validation on the orchestrator's receive path; see {@link dev.lpnode.bench.tickets.TicketBench}. */
package dev.lpnode.bench.tickets;
