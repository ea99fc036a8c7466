using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Notifications;
using Forewarn.Server.Features.Stats;

namespace Forewarn.Server.Features.Dissuasion;

public static class DissuasionSetup
{
    public static WebApplicationBuilder AddDissuasionArea(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient(nameof(OutboxSender), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(nameof(WebhookNotificationGateway), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<PolicyBook>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddSingleton<INotificationGateway, WebhookNotificationGateway>();
        services.AddHostedService<NotificationDispatcher>();
        return builder;
    }

    public static WebApplication MapDissuasionArea(this WebApplication app)
    {
        var w = app.MapGroup("/api/v1/warnings/{id:long}").WithTags("Dissuasion").RequireAuthorization(Policies.Staff).Audited();
        w.MapPost("/sign-for", SignFor.Handle);
        w.MapPost("/claim", ClaimWarning.Claim);
        w.MapPost("/release", ClaimWarning.Release);
        w.MapPost("/contact-attempts", RecordContactAttempt.Handle);
        w.MapPost("/assess", AssessWarning.Handle);
        w.MapPost("/visits", RecordVisit.Handle);
        w.MapPost("/relatives", AddRelative.Handle);
        w.MapPost("/payment-stops", RequestBlock.PaymentStop);
        w.MapPost("/freezes", RequestBlock.Freeze);
        w.MapPost("/line-cuts", RequestBlock.LineCut);
        w.MapPost("/number-shutdowns", RequestBlock.NumberShutdown);
        w.MapPost("/transfer", TransferWarning.Handle);
        w.MapPost("/close", CloseWarning.Handle);
        app.MapGet("/api/v1/evidence/{id:long}", GetEvidence.Handle).WithTags("Dissuasion").RequireAuthorization(Policies.Staff).Audited("evidence.read");
        app.MapGet("/api/v1/notifications", ListNotifications.Handle).WithTags("Dissuasion").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/v1/notifications/{id:long}/read", ReadNotifications.One).WithTags("Dissuasion").RequireAuthorization(Policies.Staff).Audited();
        app.MapPost("/api/v1/notifications/read-all", ReadNotifications.All).WithTags("Dissuasion").RequireAuthorization(Policies.Staff).Audited();
        var policies = app.MapGroup("/api/v1/policies").WithTags("Dissuasion").RequireAuthorization(Policies.RulesPropose).Audited();
        policies.MapGet("/", ChangePolicy.List);
        policies.MapPost("/", ChangePolicy.Propose);
        policies.MapPost("/{version:int}/approve", ChangePolicy.Approve);
        var stats = app.MapGroup("/api/v1/stats").WithTags("Statistics").RequireAuthorization(Policies.Staff).Audited();
        stats.MapGet("/summary", GetSummary.Handle);
        stats.MapGet("/kpis", GetKpis.Handle).RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
