using Forewarn.Server.Common;
using Forewarn.Server.Data;
using OpenTelemetry.Metrics;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// Scale-out (DESIGN §9): the process's role, the JetStream path between web and worker processes when
/// <c>Forewarn:Nats:Url</c> is set, readiness and the Prometheus metrics endpoint.
/// </summary>
public static class ScaleSetup
{
    public static WebApplicationBuilder AddScaleArea(this WebApplicationBuilder builder, Command command)
    {
        var services = builder.Services;
        var role = command.Role(builder.Configuration);
        services.AddSingleton(new ProcessRole(role));
        services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignalBus>();
        services.AddScoped<SignalPublisher>();
        services.AddSingleton<IntakeMetrics>();
        services.AddSingleton<Leases>();
        services.AddSingleton<Leadership>();
        services.AddHostedService<BlacklistNotifications>();
        var nats = builder.Configuration.GetSection(NatsOptions.Section).Get<NatsOptions>() ?? new NatsOptions();
        if (nats.Enabled && role != ServeRole.Web && command.Verb == "serve")
        {
            services.AddSingleton<SignalConsumer>();
            services.AddHostedService(sp => sp.GetRequiredService<SignalConsumer>());
        }
        // Structured logs for a log shipper: one JSON object a line on the console (Forewarn:Logging:Json=true).
        if (builder.Configuration.GetValue<bool>("Forewarn:Logging:Json"))
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(IntakeMetrics.MeterName).AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapScaleArea(this WebApplication app)
    {
        app.MapGet("/readyz", Ready).AllowAnonymous().ExcludeFromDescription();
        // Counters only, no personal data; keep the port private to the monitoring network all the same (docs/scale.md).
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        var role = app.Services.GetRequiredService<ProcessRole>().Role;
        var stream = app.Services.GetRequiredService<SignalBus>();
        app.Logger.LogInformation("Role {Role}; signals take the {Path} path", role, stream.Options.Enabled ? "JetStream" : "in-process");
        return app;
    }

    /// <summary>Ready when the database answers and, with NATS configured, JetStream is connected and the stream exists.</summary>
    private static async Task<IResult> Ready(AppDbContext db, SignalBus stream, CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct))
        {
            return Results.Problem(L.T("数据库不可用", "Database unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (stream.Options.Enabled)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await stream.JetStreamAsync(timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return Results.Problem(L.T("消息队列不可用", "NATS JetStream unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            if (!stream.Connected)
            {
                return Results.Problem(L.T("消息队列未连接", "NATS not connected"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
        return Results.Ok("ready");
    }
}
