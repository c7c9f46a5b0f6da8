import type { ProductView } from "../src/ipc";

export const PRODUCTS: ProductView[] = [
  {
    id: "30a6d792-9e06-4023-85f4-736dfd9af07d",
    slug: "gmail-usa-fresh",
    nameZh: "谷歌企业/教育邮箱",
    nameEn: "Google Workspace / Education Email",
    stock: 44,
    minQuantity: 5,
    price: "0.5",
    soldOut: false,
  },
  {
    id: "7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22",
    slug: "gmail-aged-2019",
    nameZh: "老号 Gmail（2019 年注册）",
    nameEn: "Aged Gmail (registered 2019)",
    stock: 120,
    minQuantity: 1,
    price: "12.345",
    soldOut: false,
  },
  {
    id: "b4f0c9e2-6a17-4d3b-8e55-91a2c7d4e603",
    slug: "gmail-bulk-100",
    nameZh: "批量 Gmail（100 个起）",
    nameEn: "Bulk Gmail (from 100)",
    stock: 0,
    minQuantity: 100,
    price: "0.08",
    soldOut: true,
  },
];
