using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Jobs;
using Platform.Jobs.Datasets;
using Platform.Jobs.Operations;
using Platform.Jobs.Workers;
using Platform.Storage.Entities;

namespace Platform.Jobs;

public static class JobsServiceCollectionExtensions
{
    private static readonly PostgreSqlStorageOptions PostgresOptions = new() { EnableLongPolling = true, PrepareSchemaIfNecessary = true };

    /// <summary>
    /// Hangfire client and storage (in-memory when <paramref name="postgresConnectionString"/> is null, otherwise
    /// PostgreSQL with LISTEN/NOTIFY long polling) plus the job implementations. Every role needs this to enqueue.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string? postgresConnectionString)
    {
        // One storage instance per host, registered before AddHangfire so that its TryAdd keeps ours: Hangfire's
        // JobStorage.Current is process-wide, and two hosts in one process (tests) must not share jobs.
        services.AddSingleton<JobStorage>(_ => postgresConnectionString is null
            ? new InMemoryStorage()
            : new PostgreSqlStorage(new NpgsqlConnectionFactory(postgresConnectionString, PostgresOptions), PostgresOptions));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
        NoAutomaticRetries.Apply();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CurrentJobs>();
        services.TryAddSingleton(WorkerIdentity.Create(null, []));
        services.AddScoped<IOperationJob, OperationJob>();
        services.AddScoped<IOperationHandler, SystemCheckHandler>();
        services.AddDatasetJobs();
        services.AddScoped<IOperationHandler, Training.TrainModelHandler>();
        services.AddScoped<IOperationHandler, Training.SweepHandler>();
        services.AddScoped<IOperationHandler, Models.PredictDatasetHandler>();
        services.AddOptions<Training.TrainingOptions>().BindConfiguration(Training.TrainingOptions.Section)
            .Validate(o => o.LeaseSeconds >= 2, "Platform:Training:LeaseSeconds must be at least 2.").ValidateOnStart();
        return services;
    }

    /// <summary>The worker role: a Hangfire server on the given queues, heartbeats, and the reconciler.</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services, WorkerIdentity identity, int workerCount)
    {
        services.Replace(ServiceDescriptor.Singleton(identity));
        services.AddHangfireServer((provider, o) =>
        {
            o.ServerName = identity.Name;
            o.Queues = [.. identity.Queues];
            o.WorkerCount = workerCount;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            // Jobs are created in this host's own DI scopes. Hangfire's default is the process-wide
            // JobActivator.Current, which the last host to start overwrites (two hosts in one process).
            o.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
        });
        // Training runs get their own server with one worker: two trainings in one process would share torch's
        // process-wide seed and thread count (ADR 6). Another process on the queue takes the next run meanwhile.
        var trainingQueues = OperationQueues.TrainingQueuesOf(identity.Queues).ToArray();
        if (trainingQueues.Length > 0)
            services.AddHangfireServer((provider, o) =>
            {
                o.ServerName = identity.Name + ":training";
                o.Queues = trainingQueues;
                o.WorkerCount = 1;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.ShutdownTimeout = TimeSpan.FromSeconds(10);
                o.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
            });
        services.AddHostedService<WorkerHeartbeatService>();
        services.AddHostedService<DatasetPurgeService>();
        services.AddSingleton<OperationReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationReconciler>());
        return services;
    }
}
