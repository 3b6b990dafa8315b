using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

internal sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> b)
    {
        b.Property(x => x.Name).HasMaxLength(RegisteredModel.MaxNameLength);
        b.Property(x => x.Description).HasMaxLength(RegisteredModel.MaxDescriptionLength);
        b.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique();
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> b)
    {
        b.Property(x => x.Template).HasMaxLength(64);
        b.Property(x => x.PackageKey).HasMaxLength(1024);
        b.Property(x => x.PackageSha256).HasMaxLength(64);
        b.Property(x => x.EvaluationKey).HasMaxLength(1024);
        b.Property(x => x.Description).HasMaxLength(ModelVersion.MaxDescriptionLength);
        // No length limit: the API bounds tags by count and characters, and JSON escaping can make the text several times longer.
        // Numbers are taken under the registry's lock; the index makes a second version with one number impossible anyway.
        b.HasIndex(x => new { x.ModelId, x.Number }).IsUnique();
        b.HasIndex(x => x.RunId);
        b.HasOne<RegisteredModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModelAliasConfiguration : IEntityTypeConfiguration<ModelAlias>
{
    public void Configure(EntityTypeBuilder<ModelAlias> b)
    {
        b.Property(x => x.Name).HasMaxLength(ModelAlias.MaxNameLength);
        b.HasIndex(x => new { x.ModelId, x.Name }).IsUnique();
        b.HasIndex(x => x.VersionId);
        b.HasOne<RegisteredModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        // A version an alias points at cannot be deleted: the API says so first, the database refuses it too.
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class ModelEndpointConfiguration : IEntityTypeConfiguration<ModelEndpoint>
{
    public void Configure(EntityTypeBuilder<ModelEndpoint> b)
    {
        b.Property(x => x.Name).HasMaxLength(ModelEndpoint.MaxNameLength);
        b.Property(x => x.Alias).HasMaxLength(ModelAlias.MaxNameLength);
        b.Property(x => x.Error).HasMaxLength(ModelEndpoint.MaxErrorLength);
        b.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique();
        b.HasIndex(x => x.ModelId);
        b.HasIndex(x => x.VersionId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RegisteredModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        // A version an endpoint serves cannot be deleted: the API says so first, the database refuses it too.
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class EndpointKeyConfiguration : IEntityTypeConfiguration<EndpointKey>
{
    public void Configure(EntityTypeBuilder<EndpointKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(EndpointKey.MaxNameLength);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.EndpointId);
        b.HasOne<ModelEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EndpointMinuteConfiguration : IEntityTypeConfiguration<EndpointMinute>
{
    public void Configure(EntityTypeBuilder<EndpointMinute> b)
    {
        b.Property(x => x.Process).HasMaxLength(EndpointMinute.MaxProcessLength);
        b.HasIndex(x => new { x.EndpointId, x.Minute, x.Process }).IsUnique();
        b.HasIndex(x => x.Minute);
        b.HasOne<ModelEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EndpointRevisionConfiguration : IEntityTypeConfiguration<EndpointRevision>
{
    public void Configure(EntityTypeBuilder<EndpointRevision> b)
    {
        b.Property(x => x.Alias).HasMaxLength(ModelAlias.MaxNameLength);
        b.Property(x => x.Reason).HasMaxLength(32);
        // Numbers are taken under the registry's lock; the index makes one number twice impossible anyway.
        b.HasIndex(x => new { x.EndpointId, x.Number }).IsUnique();
        b.HasOne<ModelEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
