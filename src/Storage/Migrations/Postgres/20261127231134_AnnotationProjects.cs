using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnnotationProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnotationProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DatasetId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    LabelsJson = table.Column<string>(type: "text", nullable: false),
                    NextLabelId = table.Column<int>(type: "integer", nullable: false),
                    Instructions = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    BatchSize = table.Column<int>(type: "integer", nullable: false),
                    TaskCount = table.Column<int>(type: "integer", nullable: false),
                    LastVersionNumber = table.Column<int>(type: "integer", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SchemaRevision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationProjects_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnnotationProjects_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LabelId = table.Column<int>(type: "integer", nullable: true),
                    BoxesJson = table.Column<string>(type: "text", nullable: true),
                    LabelSet = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FromVersion = table.Column<bool>(type: "boolean", nullable: false),
                    AnnotatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AnnotatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HolderId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationTasks_AnnotationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "AnnotationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_DatasetId",
                table: "AnnotationProjects",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_WorkspaceId_Name",
                table: "AnnotationProjects",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_AnnotatedBy",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "AnnotatedBy" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_HolderId",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "HolderId" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_State_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "State", "Ordinal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnotationTasks");

            migrationBuilder.DropTable(
                name: "AnnotationProjects");
        }
    }
}
