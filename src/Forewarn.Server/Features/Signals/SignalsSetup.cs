using Forewarn.Server.Features.Contacts;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Quarantine;

namespace Forewarn.Server.Features.Signals;

public static class SignalsSetup
{
    public static WebApplicationBuilder AddSignalsArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignalIntake>();
        builder.Services.AddScoped<IntakeWriter>();
        builder.Services.AddScoped<ContactScan>();
        return builder;
    }

    public static WebApplication MapSignalsArea(this WebApplication app)
    {
        app.MapPost("/api/v1/signals", IngestSignals.Handle).WithTags("Signals").RequireAuthorization(Policies.Signals).Audited("signals.ingest");
        app.MapPost("/api/v1/contacts", IngestContacts.Handle).WithTags("Signals").RequireAuthorization(Policies.Contacts).Audited("contacts.ingest");
        var quarantine = app.MapGroup("/api/v1/quarantine").WithTags("Signals").RequireAuthorization(Policies.Staff).Audited();
        quarantine.MapGet("/", ListQuarantine.Handle);
        quarantine.MapPost("/{id:long}/replay", ReplayQuarantined.Handle);
        return app;
    }
}
