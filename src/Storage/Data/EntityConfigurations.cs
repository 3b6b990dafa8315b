using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> b)
    {
        b.Property(x => x.Name).HasMaxLength(Workspace.MaxNameLength);
        b.Ignore(x => x.IsArchived);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasKey(x => new { x.WorkspaceId, x.UserId });
        b.HasIndex(x => x.UserId);
        b.HasOne(x => x.Workspace).WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsAccepted);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Workspace).WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.ActorEmail).HasMaxLength(256);
        b.Property(x => x.Target).HasMaxLength(256);
        b.Property(x => x.Detail).HasMaxLength(1024);
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
    }
}

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> b)
    {
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Queues).HasMaxLength(256);
        b.Property(x => x.GpuName).HasMaxLength(128);
        b.Property(x => x.CurrentJob).HasMaxLength(256);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> b)
    {
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Queue).HasMaxLength(32);
        b.Property(x => x.Message).HasMaxLength(2048);
        b.Property(x => x.WorkerName).HasMaxLength(128);
        b.Property(x => x.JobId).HasMaxLength(64);
        // Every save checks the state it was read in: a job finishing just as a user cancels cannot overwrite the
        // Cancelled, and a cancel cannot overwrite a finished job's result (the loser gets a concurrency conflict).
        b.Property(x => x.State).IsConcurrencyToken();
        // Each start raises Attempts: a job whose operation was handed to another job (a takeover) cannot save it.
        b.Property(x => x.Attempts).IsConcurrencyToken();
        b.Ignore(x => x.IsFinished);
        b.HasIndex(x => new { x.WorkspaceId, x.Id });
        b.HasIndex(x => x.State);
        b.HasIndex(x => new { x.SubjectId, x.Id });
        b.Property(x => x.ResultKey).HasMaxLength(1024);
        b.Property(x => x.ResultFileName).HasMaxLength(255);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(120);
        b.Property(x => x.ExternalProvider).HasMaxLength(32);
    }
}
