using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>
/// The platform's database. Two provider-specific subclasses carry their own migrations:
/// <see cref="SqlitePlatformDb"/> (embedded) and <see cref="PostgresPlatformDb"/> (production).
/// Data protection keys live here too, so every api replica and restart reads the same sign-in cookies.
/// </summary>
public abstract class PlatformDb(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Worker> Workers => Set<Worker>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<DatasetItem> DatasetItems => Set<DatasetItem>();
    public DbSet<StoredBlob> StoredBlobs => Set<StoredBlob>();
    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunMetric> RunMetrics => Set<RunMetric>();
    public DbSet<RunParam> RunParams => Set<RunParam>();
    public DbSet<RunTag> RunTags => Set<RunTag>();
    public DbSet<RunLogLine> RunLogLines => Set<RunLogLine>();
    public DbSet<RunArtifact> RunArtifacts => Set<RunArtifact>();
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<RegisteredModel> RegisteredModels => Set<RegisteredModel>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();
    public DbSet<ModelEndpoint> ModelEndpoints => Set<ModelEndpoint>();
    public DbSet<EndpointKey> EndpointKeys => Set<EndpointKey>();
    public DbSet<EndpointMinute> EndpointMinutes => Set<EndpointMinute>();
    public DbSet<EndpointRevision> EndpointRevisions => Set<EndpointRevision>();
    public DbSet<AnnotationProject> AnnotationProjects => Set<AnnotationProject>();
    public DbSet<AnnotationTask> AnnotationTasks => Set<AnnotationTask>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PlatformDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
