import { expect, test } from "@playwright/test";

// A browser that has not opened the printed link: no session cookie.
test.use({ storageState: { cookies: [], origins: [] } });

test("a browser without the access link sees how to get in, and nothing else", async ({ page }) => {
  const response = await page.goto("/config");
  expect(response, "the navigation got no answer").not.toBeNull();
  expect(response!.status(), await response!.text()).toBe(401);
  await expect(page.getByRole("heading", { name: "Open the link printed in your terminal" })).toBeVisible();
  const api = await page.request.get("/api/config");
  expect(api.status(), await api.text()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthorized:session");
});

test("a wrong token is refused", async ({ page }) => {
  const response = await page.goto("/?token=not-the-token");
  expect(response, "the navigation got no answer").not.toBeNull();
  expect(response!.status(), await response!.text()).toBe(401);
});

test("opening the printed link logs the browser in with an HttpOnly, SameSite=Strict cookie", async ({
  page,
  context,
}) => {
  await page.goto(`/config?token=${process.env.E2E_ACCESS_TOKEN}`);
  await expect(page).toHaveURL(/\/config$/);
  await expect(page.getByRole("heading", { name: "Configuration" })).toBeVisible();
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: "mycelium_session", httpOnly: true, sameSite: "Strict" });
  expect(cookie!.value).not.toBe(process.env.E2E_ACCESS_TOKEN);
  // The token itself is gone from the address bar and history.
  expect(page.url()).not.toContain("token=");
});
