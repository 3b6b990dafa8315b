using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Invitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AcceptedAt",
                table: "Memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InvitedBy",
                table: "Memberships",
                type: "uuid",
                nullable: true);

            // Memberships made before invitations existed were in use: they count as accepted when they were made.
            migrationBuilder.Sql("UPDATE \"Memberships\" SET \"AcceptedAt\" = \"JoinedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "InvitedBy",
                table: "Memberships");
        }
    }
}
