package web

import (
	"github.com/gofiber/fiber/v2"
)

// handleOpenAPI is GET /openapi.json: the embedded OpenAPI 3 document that
// describes the JSON API (tests keep it and the routes in step).
func (s *Server) handleOpenAPI(c *fiber.Ctx) error {
	b, err := assets.ReadFile("assets/openapi.json")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(b)
}
