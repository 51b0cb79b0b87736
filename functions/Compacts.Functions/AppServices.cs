using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Compacts.Domain.Reminders;
using Compacts.Functions.Auth;
using Compacts.Functions.Compacts;
using Compacts.Functions.Evidence;
using Compacts.Functions.Reminders;
using Compacts.Functions.Reports;
using Compacts.Functions.Scans;
using Compacts.Functions.Standings;
using Compacts.Functions.Units;
using Compacts.Functions.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Compacts.Functions;

/// <summary>Everything the function classes need, registered once for the Functions host and the development host alike.</summary>
public static class AppServices
{
    public static IServiceCollection AddCompactsApp(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CompactOptions>().BindConfiguration(CompactOptions.SectionName)
            .Validate(o => Domain.CompactCalendar.TryFindTimeZone(o.DefaultTimeZone, out _), "Compacts:DefaultTimeZone must be an IANA time zone.")
            .ValidateOnStart();
        services.AddStorage();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<Http.CallerGuard>();
        services.AddSingleton<Http.CompactScopes>();
        services.AddStandings();
        services.AddScans();
        services.AddEvidence();
        services.AddReminders();
        services.AddBallots();
        return services;
    }

    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName)
            .Configure<IConfiguration>(ReminderOptions.FillPortalBaseUrl)
            .Validate(o => o.MaxAttempts >= 1, "Reminders:MaxAttempts must be at least 1.")
            .Validate(o => PortalLinks.IsPortalAddress(o.PortalBaseUrl), "Reminders:PortalBaseUrl must be an absolute http or https URL (the portal's address).")
            .ValidateOnStart();
        services.AddSingleton(sp => new PortalLinks(new Uri(sp.GetRequiredService<IOptions<ReminderOptions>>().Value.PortalBaseUrl)));
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName)
            .Validate(o => string.IsNullOrWhiteSpace(o.ApiKey) || Domain.Identifiers.IsValidEmail(o.FromEmail), "SendGrid:FromEmail must be an e-mail address.")
            .ValidateOnStart();
        services.AddSingleton<MailLedger>();
        services.AddSingleton<LedgerMailer>();
        services.AddSingleton<ReviewMailer>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton(sp => WorkQueueOf<ReminderWork>(sp, QueueNames.Reminders));
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<ReminderRuns>();
        services.AddSingleton<RetryDelay>(_ => (delay, ct) => Task.Delay(delay, ct));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            return new SendGrid.SendGridClient(new HttpClient(), new SendGrid.SendGridClientOptions
            {
                ApiKey = options.ApiKey,
                Host = options.Host,
                ReliabilitySettings = new SendGrid.Helpers.Reliability.ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
            });
        });
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey)
            ? ActivatorUtilities.CreateInstance<OutboxMailSender>(sp)
            : ActivatorUtilities.CreateInstance<SendGridMailSender>(sp));
        return services;
    }

    public static IServiceCollection AddBallots(this IServiceCollection services)
    {
        services.AddOptions<Ballots.BallotOptions>().BindConfiguration(Ballots.BallotOptions.SectionName);
        services.AddSingleton<Ballots.BallotStore>();
        services.AddSingleton<Ballots.BallotMails>();
        services.AddSingleton<Ballots.BallotService>();
        return services;
    }

    public static IServiceCollection AddScans(this IServiceCollection services)
    {
        services.AddOptions<ScanOptions>().BindConfiguration(ScanOptions.SectionName)
            .Validate(o => o.DownloadMinutes is >= 1 and <= 15, "Scans:DownloadMinutes must lie between 1 and 15.")
            .Validate(o => o.MaxBytes > 0, "Scans:MaxBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ScanStore>();
        return services;
    }

    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.SectionName)
            .Validate(o => o.DownloadMinutes is >= 1 and <= BlobFiles.MaxUrlMinutes, "Evidence:DownloadMinutes must lie between 1 and 15.")
            .Validate(o => o.MaxFileBytes > 0 && o.MaxReportBytes > 0 && o.MaxFiles > 0, "Evidence:MaxFileBytes, MaxReportBytes and MaxFiles must be positive.")
            .ValidateOnStart();
        services.AddSingleton<EvidenceStore>();
        return services;
    }

    public static IServiceCollection AddStandings(this IServiceCollection services)
    {
        services.AddOptions<StandingsOptions>().BindConfiguration(StandingsOptions.SectionName)
            .Validate(o => o.GraceDays >= 0, "Standings:GraceDays must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<StandingsStore>();
        services.AddSingleton<StandingsService>();
        services.AddSingleton(sp => WorkQueueOf<StandingsWork>(sp, QueueNames.Standings));
        services.AddSingleton<StandingsPlanner>();
        return services;
    }

    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || (o.TableServiceUri is not null && o.BlobServiceUri is not null && o.QueueServiceUri is not null),
                "Set Storage:ConnectionString (Azurite) or Storage:TableServiceUri, BlobServiceUri and QueueServiceUri (managed identity).")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = sp.GetService<TableClientOptions>() ?? new TableClientOptions();
            Bounded(clientOptions.Retry);
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new TableServiceClient(options.TableServiceUri, Credential(options), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = sp.GetService<BlobClientOptions>() ?? new BlobClientOptions();
            Bounded(clientOptions.Retry);
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new BlobServiceClient(options.BlobServiceUri, Credential(options), clientOptions)
                : new BlobServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton<BlobFiles>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = sp.GetService<QueueClientOptions>() ?? new QueueClientOptions();
            Bounded(clientOptions.Retry);
            clientOptions.MessageEncoding = QueueMessageEncoding.Base64;
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new QueueServiceClient(options.QueueServiceUri, Credential(options), clientOptions)
                : new QueueServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton<Tables>();
        services.AddSingleton<UnitStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<CompactStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<Reports.ReportService>();
        services.AddSingleton<Imports.ReportImportService>();
        services.AddSingleton<Reviews.ReviewStore>();
        services.AddSingleton<Reviews.ReviewService>();
        services.AddSingleton<Reviews.ReviewMails>();
        services.AddSingleton<Year.UnitHistory>();
        return services;
    }

    /// <summary>The queue of the trigger named <paramref name="triggerQueue"/>, with the configured <see cref="StorageOptions.QueuePrefix"/>.</summary>
    private static WorkQueue<TMessage> WorkQueueOf<TMessage>(IServiceProvider services, string triggerQueue) => new(
        services.GetRequiredService<QueueServiceClient>(),
        QueueNames.Prefixed(services.GetRequiredService<IOptions<StorageOptions>>().Value.QueuePrefix, triggerQueue));

    /// <summary>A few quick retries, then the failure surfaces (a 503 with Retry-After to the client) instead of a long hang.</summary>
    private static void Bounded(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(20);
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
