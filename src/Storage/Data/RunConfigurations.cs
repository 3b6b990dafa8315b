using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> b)
    {
        b.Property(x => x.Name).HasMaxLength(Experiment.MaxNameLength);
        b.Property(x => x.Description).HasMaxLength(Experiment.MaxDescriptionLength);
        b.Property(x => x.RegisterModelAs).HasMaxLength(RegisteredModel.MaxNameLength);
        b.Ignore(x => x.IsDeleted);
        // Names are unique in a workspace, deleted ones included (MLflow refuses a name in use by a deleted experiment too).
        b.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique();
    }
}

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> b)
    {
        b.Property(x => x.Name).HasMaxLength(Run.MaxNameLength);
        b.Property(x => x.Template).HasMaxLength(64);
        b.Property(x => x.SettingsJson).HasMaxLength(4000);
        b.Property(x => x.Queue).HasMaxLength(32);
        b.Property(x => x.CodeVersion).HasMaxLength(64);
        b.Property(x => x.WorkerName).HasMaxLength(128);
        b.Property(x => x.Message).HasMaxLength(2048);
        b.Property(x => x.CheckpointKey).HasMaxLength(1024);
        b.Property(x => x.ModelKey).HasMaxLength(1024);
        b.Property(x => x.EvaluationKey).HasMaxLength(1024);
        // A worker finishing as a user cancels: the loser's save fails instead of overwriting the other's state.
        b.Property(x => x.Status).IsConcurrencyToken();
        // A worker whose lease was taken over cannot save the run (its token is older).
        b.Property(x => x.LeaseToken).IsConcurrencyToken();
        b.Property(x => x.LeaseOwner).HasMaxLength(128);
        b.Ignore(x => x.IsFinished);
        b.Ignore(x => x.IsDeleted);
        b.HasIndex(x => new { x.ExperimentId, x.Id });
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
        b.HasIndex(x => x.OperationId);
        // A training queue's order (RunQueue): stored as a number, so that the database compares priorities.
        b.Property(x => x.Priority).HasConversion<int>();
        b.HasIndex(x => new { x.Status, x.Queue, x.Priority, x.CreatedAt });
        // One run per trial of a sweep, even if two coordinators of the same sweep ever run at once.
        b.HasIndex(x => new { x.SweepId, x.TrialIndex }).IsUnique();
        b.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunMetricConfiguration : IEntityTypeConfiguration<RunMetric>
{
    public void Configure(EntityTypeBuilder<RunMetric> b)
    {
        b.Property(x => x.Name).HasMaxLength(RunMetric.MaxKeyLength);
        b.Ignore(x => x.Value);
        b.HasIndex(x => new { x.RunId, x.Name, x.Step });
        b.HasIndex(x => new { x.RunId, x.Id });
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunParamConfiguration : IEntityTypeConfiguration<RunParam>
{
    public void Configure(EntityTypeBuilder<RunParam> b)
    {
        b.HasKey(x => new { x.RunId, x.Key });
        b.Property(x => x.Key).HasMaxLength(RunParam.MaxKeyLength);
        b.Property(x => x.Value).HasMaxLength(RunParam.MaxValueLength);
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunTagConfiguration : IEntityTypeConfiguration<RunTag>
{
    public void Configure(EntityTypeBuilder<RunTag> b)
    {
        b.HasKey(x => new { x.RunId, x.Key });
        b.Property(x => x.Key).HasMaxLength(RunTag.MaxKeyLength);
        b.Property(x => x.Value).HasMaxLength(RunTag.MaxValueLength);
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunLogLineConfiguration : IEntityTypeConfiguration<RunLogLine>
{
    public void Configure(EntityTypeBuilder<RunLogLine> b)
    {
        b.Property(x => x.Text).HasMaxLength(RunLogLine.MaxLength);
        b.HasIndex(x => new { x.RunId, x.Id });
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SweepConfiguration : IEntityTypeConfiguration<Sweep>
{
    public void Configure(EntityTypeBuilder<Sweep> b)
    {
        b.Property(x => x.Name).HasMaxLength(Run.MaxNameLength);
        b.Property(x => x.Template).HasMaxLength(64);
        b.Property(x => x.Priority).HasConversion<int>();
        b.Property(x => x.Metric).HasMaxLength(RunMetric.MaxKeyLength);
        b.Property(x => x.Message).HasMaxLength(2048);
        b.Property(x => x.Status).IsConcurrencyToken();
        b.Ignore(x => x.IsFinished);
        b.HasIndex(x => new { x.ExperimentId, x.Id });
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
        b.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunArtifactConfiguration : IEntityTypeConfiguration<RunArtifact>
{
    public void Configure(EntityTypeBuilder<RunArtifact> b)
    {
        b.Property(x => x.Path).HasMaxLength(RunArtifact.MaxPathLength);
        b.Property(x => x.ContentType).HasMaxLength(RunArtifact.MaxContentTypeLength);
        b.Ignore(x => x.Key);
        // One row per path, however many requests write it at once; also the order of the paged list.
        b.HasIndex(x => new { x.RunId, x.Path }).IsUnique();
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
