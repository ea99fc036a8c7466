using System.Globalization;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Signals;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// The worker role: one durable pull consumer per partition, shared by every worker process. Each consumer allows one
/// unacknowledged message at a time (<c>MaxAckPending = 1</c>), so whichever worker holds a partition's message, the
/// next one of that partition waits for its acknowledgement: one subject's signals are correlated in order, and a dead
/// worker's message goes to another worker after <see cref="NatsOptions.AckWaitSeconds"/>. A message is acknowledged
/// only after the intake committed it; a redelivered one is answered <c>duplicate</c> by the (client, external id) index.
/// Throughput is one message in flight per partition; leases (one worker per partition, larger batches) are the next step.
/// </summary>
public sealed class SignalConsumer(SignalBus stream, SignalIntake intake, BlacklistHolder blacklist, ILogger<SignalConsumer> log) : BackgroundService
{
    public string ConsumerOf(int partition) => stream.Options.Stream + "_p" + partition.ToString(CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Never correlate against the empty list a fresh process starts with; later changes arrive through BlacklistRefresher.
        await blacklist.RebuildAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, stream.Options.Partitions).Select(p => RunAsync(p, stoppingToken)));
    }

    private async Task RunAsync(int partition, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var js = await stream.JetStreamAsync(ct);
                var name = ConsumerOf(partition);
                var consumer = await js.CreateOrUpdateConsumerAsync(stream.Options.Stream, new ConsumerConfig(name)
                {
                    DurableName = name,
                    FilterSubject = stream.SubjectOf(partition),
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                    MaxAckPending = 1,
                    AckWait = TimeSpan.FromSeconds(stream.Options.AckWaitSeconds),
                    NumReplicas = stream.Options.Replicas,
                }, ct);
                await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: ct))
                {
                    if (SignalBus.Read(message.Headers, message.Data) is not { } read)
                    {
                        // Not ours: kept on the stream for inspection, never retried.
                        log.LogWarning("Unreadable message on {Subject}; terminated", message.Subject);
                        await message.AckTerminateAsync(cancellationToken: ct);
                        continue;
                    }
                    await intake.IngestAsync(read.ClientId, read.Actor, [read.Item], ct);
                    await message.AckAsync(new AckOpts { DoubleAck = true }, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Connection lost, a node down, the database away: the unacknowledged message is redelivered, so start again.
                log.LogWarning(e, "Signal consumer for partition {Partition} failed; restarting", partition);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
